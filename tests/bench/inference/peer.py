#!/usr/bin/env python3
"""The Python peer of bench_inference: the same TorchScript models, run end to end in PyTorch.

  peer.py make --work DIR
      writes DIR/densenet121.pt (torchvision's DenseNet-121, 6 classes) and DIR/unet3d.pt (a 3D
      UNet of MONAI's usual size in plain PyTorch), seeded, scripted, each with its Lumen manifest
      embedded as the extra file manifest.json.
  peer.py run --model FILE --input RAW --dtype uint16|int16 --size X,Y,Z --spacing X,Y,Z
              [--threads N] [--device cpu|cuda] [--half] [--warmup N] [--repeat N]
      runs the model on the raw voxels (x fastest) the way a PyTorch user would, with the steps
      Lumen takes: read the file, float, resize to the model's grid, intensity, channels, forward
      (a Gaussian-weighted sliding window in batches of 4 for a segmenter), sigmoid or softmax,
      and for a segmenter argmax and a nearest resize back onto the image. --warmup untimed runs,
      then --repeat timed runs (medians); prints one line
        peer-result median_ms=M min_ms=M runs=N torch=V threads=N stages=file:M,... summary=S
      S: the probabilities (a classifier) or the voxels of each foreground label (a segmenter),
      for a glance at whether both sides computed the same thing.

Errors are printed as one line starting with "peer-error:" and end the process with status 2.
Standard library, torch, numpy and (to make DenseNet only) torchvision.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time

DENSENET_FILE = "densenet121.pt"
UNET_FILE = "unet3d.pt"
MANIFEST = "manifest.json"

# The synthetic radiograph is 12-bit: the window spans its whole range.
RADIOGRAPH_WINDOW = {"transform": "window", "center": 2048, "width": 4096}
IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


def fail(message):
    print("peer-error: " + message, flush=True)
    sys.exit(2)


def import_torch():
    try:
        import torch  # noqa: F401  (imported here so that a missing torch is reported cleanly)
    except Exception as error:  # ImportError, or a broken install
        fail("cannot import torch with %s: %s" % (sys.executable, error))
    return torch


# ---------------------------------------------------------------------------------------------
# The models


def densenet_manifest():
    return {
        "name": "DenseNet-121 benchmark classifier",
        "version": "1.0.0",
        "description": "torchvision's DenseNet-121, seeded random weights: bench_inference only",
        "intended_use": "speed comparison between Lumen and PyTorch",
        "not_for_clinical_use": True,
        "task": "classification",
        "applies_to": {"modalities": ["DX"], "dimensionality": "image2d"},
        "input": {
            "channels": 3,
            "grey_to_channels": "repeat",
            "size": [224, 224],
            "intensity": RADIOGRAPH_WINDOW,
            "channel_mean": IMAGENET_MEAN,
            "channel_std": IMAGENET_STD,
        },
        "output": {
            "labels": ["atelectasis", "cardiomegaly", "effusion", "nodule", "pneumothorax",
                       "consolidation"],
            "activation": "sigmoid",
        },
        "heatmap": {"method": "none"},
        "half_precision": True,
    }


def unet_manifest():
    return {
        "name": "3D UNet benchmark segmenter",
        "version": "1.0.0",
        "description": "a 3D UNet of MONAI's usual size, seeded random weights: "
                       "bench_inference only",
        "intended_use": "speed comparison between Lumen and PyTorch",
        "not_for_clinical_use": True,
        "task": "segmentation",
        "applies_to": {"modalities": ["CT"], "dimensionality": "volume3d"},
        "input": {
            "channels": 1,
            "patch_size": [96, 96, 96],
            "patch_overlap": 0.25,
            "spacing_mm": [1.5, 1.5, 2.0],
            "orientation": "LPS",
            "intensity": {"transform": "window", "center": 40, "width": 400},
        },
        "output": {"labels": ["background", "organ"], "activation": "softmax"},
        "half_precision": True,
    }


def make_unet_class(torch):
    nn = torch.nn

    def level(cin, cout, stride):
        """Two 3×3×3 convolutions, each then instance norm and PReLU; the first may halve."""
        return nn.Sequential(
            nn.Conv3d(cin, cout, 3, stride=stride, padding=1),
            nn.InstanceNorm3d(cout, affine=True),
            nn.PReLU(),
            nn.Conv3d(cout, cout, 3, padding=1),
            nn.InstanceNorm3d(cout, affine=True),
            nn.PReLU(),
        )

    class UNet3d(nn.Module):
        """Channels 16-32-64-128-256, stride-2 down and up, skips concatenated, 2 output maps."""

        def __init__(self, channels=(16, 32, 64, 128, 256), outputs=2):
            super().__init__()
            downs = []
            previous = 1
            for n, width in enumerate(channels):
                downs.append(level(previous, width, 1 if n == 0 else 2))
                previous = width
            self.down = nn.ModuleList(downs)
            ups, merges = [], []
            for width in reversed(channels[:-1]):
                ups.append(nn.ConvTranspose3d(previous, width, 2, stride=2))
                merges.append(level(2 * width, width, 1))
                previous = width
            self.up = nn.ModuleList(ups)
            self.merge = nn.ModuleList(merges)
            self.head = nn.Conv3d(previous, outputs, 1)

        def forward(self, x):
            skips = []
            for block in self.down:
                x = block(x)
                skips.append(x)
            skips.pop()  # the bottom level's output is x itself
            for up, merge in zip(self.up, self.merge):
                x = merge(torch.cat([up(x), skips.pop()], 1))
            return self.head(x)

    return UNet3d


def save(torch, module, path, manifest):
    scripted = torch.jit.script(module.eval())
    torch.jit.save(scripted, path, _extra_files={MANIFEST: json.dumps(manifest, indent=1)})
    print("peer: wrote " + path, flush=True)


def make(args):
    torch = import_torch()
    os.makedirs(args.work, exist_ok=True)
    problems = []
    try:
        import torchvision

        torch.manual_seed(121)
        densenet = torchvision.models.densenet121(weights=None, num_classes=6)
        save(torch, densenet, os.path.join(args.work, DENSENET_FILE), densenet_manifest())
    except Exception as error:
        problems.append("DenseNet-121 (needs torchvision): %s" % error)
    try:
        torch.manual_seed(3)
        unet = make_unet_class(torch)()
        save(torch, unet, os.path.join(args.work, UNET_FILE), unet_manifest())
    except Exception as error:
        problems.append("3D UNet: %s" % error)
    if problems:
        fail("could not make " + "; ".join(problems))


# ---------------------------------------------------------------------------------------------
# The pipeline


def triple(text, kind):
    values = [kind(v) for v in text.split(",")]
    if len(values) != 3:
        raise argparse.ArgumentTypeError("expected three comma-separated values: " + text)
    return values


def window(x, intensity):
    low = intensity["center"] - intensity["width"] / 2.0
    return ((x - low) / intensity["width"]).clamp(0.0, 1.0)


def patch_starts(length, patch, overlap):
    """Patch corners along one axis: a fixed step, the last patch flush with the far end."""
    step = max(1, int(math.floor(patch * (1.0 - overlap) + 0.5)))
    last = max(0, length - patch)
    return list(range(0, last, step)) + [last]


def gaussian(torch, patch, device):
    """Importance of each voxel of a patch: a Gaussian of sigma patch/8 around its centre."""
    weight = torch.ones(patch, device=device)
    for axis, n in enumerate(patch):
        x = torch.arange(n, dtype=torch.float32, device=device)
        g = torch.exp(-((x - (n - 1) / 2.0) ** 2) / (2.0 * (n / 8.0) ** 2))
        shape = [1, 1, 1]
        shape[axis] = n
        weight = weight * g.view(shape)
    return weight.clamp_min(1e-3)


class Peer:
    def __init__(self, torch, args):
        self.torch = torch
        self.F = torch.nn.functional
        self.args = args
        self.device = torch.device(args.device)
        self.dtype = torch.float16 if args.half else torch.float32
        extra = {MANIFEST: ""}
        self.model = torch.jit.load(args.model, map_location=self.device, _extra_files=extra)
        self.model.eval()
        if args.half:
            self.model.half()
        if not extra[MANIFEST]:
            fail(args.model + " has no embedded " + MANIFEST)
        self.manifest = json.loads(extra[MANIFEST])

    def read(self):
        """The raw file as a float tensor [1, 1, z, y, x] on the device."""
        import numpy

        x, y, z = self.args.size
        stored = "<u2" if self.args.dtype == "uint16" else "<i2"
        voxels = numpy.fromfile(self.args.input, dtype=stored)
        if voxels.size != x * y * z:
            fail("%s holds %d voxels, not %d×%d×%d" % (self.args.input, voxels.size, x, y, z))
        self.stamp("file")
        if self.args.dtype == "uint16":
            voxels = voxels.astype(numpy.int32)  # torch 1.13 has no uint16
        t = self.torch.from_numpy(voxels).to(self.device).float()
        self.stamp("read")
        return t.view(1, 1, z, y, x)

    def classify(self, image):
        m = self.manifest["input"]
        x = self.F.interpolate(image[:, :, 0], size=(m["size"][1], m["size"][0]), mode="bilinear",
                               align_corners=False, antialias=True)
        x = window(x, m["intensity"]).expand(-1, m["channels"], -1, -1)
        mean = self.torch.tensor(m["channel_mean"], device=self.device).view(1, -1, 1, 1)
        std = self.torch.tensor(m["channel_std"], device=self.device).view(1, -1, 1, 1)
        x = ((x - mean) / std).to(self.dtype).contiguous()
        self.stamp("preprocess")
        probabilities = self.model(x).float().sigmoid()[0].cpu()
        self.stamp("model")
        return ",".join("%.4f" % p for p in probabilities.tolist())

    def segment(self, image):
        m = self.manifest["input"]
        size = self.args.size
        # As Lumen's modelGrid(): the voxel count rounded up, so the grid covers the field.
        grid = [max(1, int(math.ceil(size[a] * self.args.spacing[a] / m["spacing_mm"][a] - 1e-6)))
                for a in range(3)]
        x = self.F.interpolate(image, size=(grid[2], grid[1], grid[0]), mode="trilinear",
                               align_corners=False)
        x = window(x, m["intensity"])[0]  # [1, z, y, x]
        self.stamp("preprocess")
        logits = self.sliding_window(x, len(self.manifest["output"]["labels"]))
        probabilities = logits.softmax(0)
        self.stamp("model")
        # argmax as MONAI's AsDiscreted(argmax=True) does (slow over the first dimension in
        # LibTorch 1.13, where Lumen takes max(0)'s indices; kept: it is what users run).
        labels = probabilities.argmax(0).to(self.torch.uint8)
        back = self.F.interpolate(labels[None, None], size=(size[2], size[1], size[0]),
                                  mode="nearest")[0, 0].cpu()
        counts = self.torch.bincount(back.flatten(), minlength=logits.shape[0])
        self.stamp("postprocess")
        return ",".join(str(c) for c in counts[1:].tolist())

    def sliding_window(self, image, channels):
        torch = self.torch
        m = self.manifest["input"]
        patch = [m["patch_size"][2], m["patch_size"][1], m["patch_size"][0]]  # z, y, x
        overlap = m.get("patch_overlap", 0.25)
        shape = list(image.shape[1:])
        missing = [max(0, p - s) for p, s in zip(patch, shape)]
        if any(missing):
            image = self.F.pad(image, (0, missing[2], 0, missing[1], 0, missing[0]),
                               value=float(image.min()))
        padded = list(image.shape[1:])
        corners = [(z, y, x)
                   for z in patch_starts(padded[0], patch[0], overlap)
                   for y in patch_starts(padded[1], patch[1], overlap)
                   for x in patch_starts(padded[2], patch[2], overlap)]
        total = torch.zeros([channels] + padded, device=self.device)
        weights = torch.zeros([1] + padded, device=self.device)
        importance = gaussian(torch, patch, self.device)
        batch = 4
        for first in range(0, len(corners), batch):
            chunk = corners[first:first + batch]
            inputs = torch.stack([image[:, z:z + patch[0], y:y + patch[1], x:x + patch[2]]
                                  for z, y, x in chunk]).to(self.dtype)
            outputs = self.model(inputs).float() * importance
            for n, (z, y, x) in enumerate(chunk):
                total[:, z:z + patch[0], y:y + patch[1], x:x + patch[2]] += outputs[n]
                weights[:, z:z + patch[0], y:y + patch[1], x:x + patch[2]] += importance
        mean = total / weights
        return mean[:, :shape[0], :shape[1], :shape[2]]

    def stamp(self, stage):
        """Ends a stage: its wall time since the previous stamp (the device drained first)."""
        if self.device.type == "cuda":
            self.torch.cuda.synchronize()
        now = time.perf_counter()
        self.stages.append((stage, (now - self.last) * 1000.0))
        self.last = now

    def once(self):
        """One run end to end: (summary, [(stage, ms)])."""
        self.stages = []
        self.last = time.perf_counter()
        with self.torch.no_grad():
            image = self.read()
            if self.manifest["task"] == "classification":
                summary = self.classify(image)
            else:
                summary = self.segment(image)
        return summary, self.stages


def run(args):
    torch = import_torch()
    torch.set_num_threads(args.threads)
    if args.device == "cuda" and not torch.cuda.is_available():
        fail("this PyTorch (%s) has no CUDA device" % torch.__version__)
    peer = Peer(torch, args)
    for _ in range(args.warmup):
        peer.once()
    times, stages, summary = [], {}, ""
    for _ in range(args.repeat):
        start = time.perf_counter()
        summary, run_stages = peer.once()
        times.append((time.perf_counter() - start) * 1000.0)
        for stage, ms in run_stages:
            stages.setdefault(stage, []).append(ms)
    stage_text = ",".join("%s:%.1f" % (stage, statistics.median(ms))
                          for stage, ms in stages.items())
    print("peer-result median_ms=%.1f min_ms=%.1f runs=%d torch=%s threads=%d stages=%s summary=%s"
          % (statistics.median(times), min(times), len(times), torch.__version__,
             torch.get_num_threads(), stage_text, summary), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make_parser = commands.add_parser("make", help="write the two TorchScript models")
    make_parser.add_argument("--work", required=True)
    run_parser = commands.add_parser("run", help="time one model end to end")
    run_parser.add_argument("--model", required=True)
    run_parser.add_argument("--input", required=True)
    run_parser.add_argument("--dtype", choices=["uint16", "int16"], required=True)
    run_parser.add_argument("--size", type=lambda t: triple(t, int), required=True)
    run_parser.add_argument("--spacing", type=lambda t: triple(t, float), required=True)
    run_parser.add_argument("--threads", type=int, default=os.cpu_count())
    run_parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    run_parser.add_argument("--half", action="store_true")
    run_parser.add_argument("--repeat", type=int, default=3)
    run_parser.add_argument("--warmup", type=int, default=1,
                            help="untimed runs first (TorchScript optimises on its first calls)")
    args = parser.parse_args()
    try:
        if args.command == "make":
            make(args)
        else:
            run(args)
    except SystemExit:
        raise
    except Exception as error:
        lines = str(error).strip().splitlines()
        fail("%s: %s" % (type(error).__name__, lines[0] if lines else ""))


if __name__ == "__main__":
    main()
