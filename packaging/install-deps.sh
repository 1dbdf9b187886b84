#!/usr/bin/env bash
# Installs the Debian 12 packages that building, running and testing Lumen need: add a package
# here in the change that first uses it (DCMTK and OpenJPEG come with DICOM loading).
# Idempotent: when every package is already installed it does nothing (no apt-get update).
# Must run as root; never asks a question (CI has no terminal).
set -euo pipefail

packages=(
  # toolchain
  cmake g++ ninja-build ccache pkg-config dpkg-dev file zlib1g-dev
  # Qt 6 (Widgets, OpenGLWidgets, Concurrent) and Linguist tools for translations
  qt6-base-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  # imaging stack (never libvtk9-qt-dev: it is built against Qt 5)
  libvtk9-dev libdcmtk-dev libopenjp2-7-dev libcharls-dev python3-pydicom libinsighttoolkit5-dev
  # the local study database
  libsqlite3-dev
  # inference; OpenBLAS for LibTorch's CPU 3D convolutions (Debian's reference BLAS takes 1.5×
  # as long; the OpenMP build follows LibTorch's thread count)
  libtorch-dev libopenblas0-openmp
  # tests (GoogleTest's CMake package refers to GoogleMock's libraries too); dciodvfy checks the
  # DICOM SEG Lumen writes
  libgtest-dev libgmock-dev dicom3tools
  # the reading-room benchmark talks to the X server directly (XSync)
  libx11-dev
  # the inference benchmark's peer: the same models in PyTorch (Debian's, same LibTorch)
  python3-torch python3-torchvision
  # GUI tests without a display: Xvfb, and Mesa's software OpenGL
  xvfb xauth libgl1-mesa-dri
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run this script as root" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
