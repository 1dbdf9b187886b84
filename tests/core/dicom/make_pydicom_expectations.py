#!/usr/bin/python3
"""Generate pydicom reference expectations for Lumen's DICOM loader tests.

Run with Debian's Python (the pyenv `python3` on PATH has no pydicom):

    /usr/bin/python3 tests/core/dicom/make_pydicom_expectations.py \
        > tests/core/dicom/pydicom_expectations.inc

Prints C++ initializer-list rows (see the header comment it emits) for every
DICOM file shipped in python3-pydicom's data/test_files (recursively) and
data/charset_files, followed by a charset table and a list of oddities.
"""
import io
import os
import unicodedata
import warnings
from contextlib import redirect_stderr

import numpy as np
import pydicom
from PIL import Image
from pydicom.encaps import generate_pixel_data_frame
from pydicom.pixel_data_handlers.util import (
    apply_color_lut, apply_modality_lut, convert_color_space)

DATA = os.path.join(os.path.dirname(pydicom.__file__), 'data')
SKIP_EXT = ('.txt', '.json', '.dump', '.gz')
LOSSY_TS = {'1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51',
            '1.2.840.10008.1.2.4.81', '1.2.840.10008.1.2.4.91'}
JPEG_TS = {'1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51'}
COLOUR_PI = ('RGB', 'PALETTE COLOR')  # plus anything starting with YBR

surprises = []   # (path, text) collected while processing


def list_files():
    out = []
    for sub in ('test_files', 'charset_files'):
        for root, dirs, files in os.walk(os.path.join(DATA, sub)):
            dirs.sort()
            for f in sorted(files):
                # DICOMDIR, DICOMDIR-bigEnd, ... are media directories, not
                # images; README files in dicomdirtests are plain text.
                if f.startswith(('DICOMDIR', 'README')) or f.endswith(SKIP_EXT):
                    continue
                out.append(os.path.relpath(os.path.join(root, f), DATA))
    return out


def transfer_syntax(ds):
    ts = ds.file_meta.get('TransferSyntaxUID') if 'file_meta' in ds.__dict__ else None
    if ts:
        return str(ts)
    # No meta header (or no TS in it): report what pydicom inferred.
    inferred = ('1.2.840.10008.1.2' if ds.is_implicit_VR else
                '1.2.840.10008.1.2.1' if ds.is_little_endian else
                '1.2.840.10008.1.2.2')
    return inferred + ' (no TS in meta, inferred)'


def header(ds, path):
    """(columns, rows, frames, components) from the header alone."""
    def num(kw, default):
        try:
            return int(ds.get(kw) or default)
        except ValueError as e:  # e.g. badVR.dcm has NumberOfFrames '1A'
            surprises.append((path, f'{kw}: {e}; using {default}'))
            return default
    cols, rows = num('Columns', 0), num('Rows', 0)
    if not cols or not rows:  # no Image Pixel module at all
        return 0, 0, 0, 0
    pi = str(ds.get('PhotometricInterpretation', ''))
    comps = 3 if pi.startswith('YBR') or pi in COLOUR_PI else 1
    return cols, rows, num('NumberOfFrames', 1), comps


def mask_bits_stored(arr, ds, path):
    """Mask to BitsStored and sign-extend (Lumen does this; pydicom 2.x
    pixel_array does NOT, pydicom 3 does).  Records files where it matters."""
    ba, bs = int(ds.BitsAllocated), int(ds.BitsStored)
    if arr.dtype.kind not in 'iu' or bs >= ba or ba == 1:
        return arr
    raw = arr.astype(np.int64)
    v = raw & ((1 << bs) - 1)
    if int(ds.PixelRepresentation) == 1:
        v = np.where(v >= (1 << (bs - 1)), v - (1 << bs), v)
    n = int(np.count_nonzero(v != raw))
    if n:
        surprises.append((path, f'{n} of {raw.size} samples have bits outside '
                                f'BitsStored={bs} (raw range {raw.min()}..{raw.max()}, '
                                f'masked {v.min()}..{v.max()}); values here are masked'))
    return v


def decode(ds, path, ts):
    """Return (float64 values, note) per the rules in the emitted header."""
    pi = str(ds.PhotometricInterpretation)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        arr = ds.pixel_array
    for w in caught:
        surprises.append((path, f'pydicom warning: {w.message}'))
    note = ''
    if pi.startswith('MONOCHROME'):
        arr = apply_modality_lut(mask_bits_stored(arr, ds, path), ds)
    elif pi == 'PALETTE COLOR':
        arr = apply_color_lut(mask_bits_stored(arr, ds, path), ds)
        note = f'; palette LUT -> {arr.dtype}'
    elif pi in ('YBR_FULL', 'YBR_FULL_422'):
        # pydicom 2.3 never converts YBR itself: the numpy/RLE handlers return
        # raw YCbCr, and the Pillow handler calls im.draft('YCbCr') for JPEG,
        # i.e. also returns raw YCbCr.  So we always convert here.
        arr = convert_color_space(arr, 'YBR_FULL', 'RGB')
        note = '; pixel_array is YCbCr -> convert_color_space(YBR_FULL->RGB)'
    elif pi in ('YBR_ICT', 'YBR_RCT'):
        # JPEG 2000: OpenJPEG (via Pillow) applies the inverse MCT itself.
        note = '; JPEG 2000 MCT undone by OpenJPEG, pixel_array already RGB'
    elif pi == 'RGB':
        if ts in JPEG_TS:
            note = '; JPEG with PI RGB: ' + jpeg_colour_note(ds)
    else:
        raise NotImplementedError(f'PhotometricInterpretation {pi}')
    return np.asarray(arr).astype(np.float64), note


def jpeg_colour_note(ds):
    """pydicom stops Pillow's YCbCr->RGB step for PI RGB unless the JPEG has
    an Adobe APP14 marker, in which case its transform flag decides."""
    im = Image.open(io.BytesIO(next(generate_pixel_data_frame(ds.PixelData))))
    if 'adobe_transform' in im.info:
        t = im.info['adobe_transform']
        return f'APP14 transform={t} ({"YCbCr->RGB by libjpeg" if t else "no conversion"})'
    return f'{"JFIF" if "jfif" in im.info else "no JFIF"}, no APP14 -> no conversion'


def native_length_note(ds, path, ts, cols, rows, frames):
    """Compare the native Pixel Data length with what the header implies."""
    if ts.split()[0] not in ('1.2.840.10008.1.2', '1.2.840.10008.1.2.1',
                             '1.2.840.10008.1.2.2', '1.2.840.10008.1.2.1.99'):
        return
    spp = int(ds.get('SamplesPerPixel', 1))
    if ds.get('PhotometricInterpretation') == 'YBR_FULL_422':
        spp = 2  # chroma subsampled horizontally: Y Y Cb Cr per 2 pixels
    bits = cols * rows * frames * spp * int(ds.get('BitsAllocated', 8))
    want, have = (bits + 7) // 8, len(ds.PixelData)
    if have not in (want, want + want % 2):
        surprises.append((path, f'native Pixel Data is {have} bytes, header implies {want}'
                                f'{f" (= {have / want:g} x)" if want else ""}'))


def multiframe_notes(ds, path, frames):
    if frames <= 1:
        return
    fg = ds.get('PerFrameFunctionalGroupsSequence')
    shared = ds.get('SharedFunctionalGroupsSequence')
    bits = [f'{frames} frames',
            f'PerFrameFunctionalGroups: {len(fg) if fg is not None else "no"}',
            f'SharedFunctionalGroups: {"yes" if shared is not None else "no"}']
    if 'GridFrameOffsetVector' in ds:
        g = [float(x) for x in ds.GridFrameOffsetVector]
        bits.append(f'GridFrameOffsetVector ({len(g)}): {g[:4]}{"..." if len(g) > 4 else ""}')
    if 'FrameIncrementPointer' in ds:
        bits.append(f'FrameIncrementPointer: {ds.FrameIncrementPointer}')
    if 'DoseGridScaling' in ds:
        bits.append(f'DoseGridScaling {ds.DoseGridScaling} (not applied)')
    # Rescale hidden in functional groups is NOT applied by apply_modality_lut.
    for name, seq in (('shared', shared), ('per-frame[0]', fg)):
        if seq and 'PixelValueTransformationSequence' in seq[0]:
            pvt = seq[0].PixelValueTransformationSequence[0]
            bits.append(f'{name} PixelValueTransformation slope/intercept '
                        f'{pvt.get("RescaleSlope")}/{pvt.get("RescaleIntercept")} (not applied)')
    surprises.append((path, 'multi-frame: ' + '; '.join(bits)))


def cstr(s):
    """C++ string literal; non-ASCII as octal escapes (not greedy like \\x)."""
    out = []
    for b in s.encode('utf-8'):
        c = chr(b)
        out.append(c if 32 <= b < 127 and c not in '"\\?' else f'\\{b:03o}')
    return '"' + ''.join(out) + '"'


def row(path):
    full = os.path.join(DATA, path)
    try:
        with redirect_stderr(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter('ignore')
            ds = pydicom.dcmread(full, force=True)
    except Exception as e:  # reading itself fails: nothing from the header
        return (f'{{"{path}", Expect::Undecodable, 0, 0, 0, 0, 0.0, 0.0, 0.0, false}}, '
                f'// dcmread: {type(e).__name__}: {e}')
    if not any(e.keyword for e in ds) and any(not e.tag.is_private for e in ds):
        # force=True "succeeded" but found only unknown public tags: e.g.
        # no_meta.dcm starts one byte early (stray 0x20 from CT_small's meta),
        # so every tag is misaligned and the file becomes one bogus element.
        # (Files with only private tags, like priv_SQ.dcm, are fine.)
        return (f'{{"{path}", Expect::Undecodable, 0, 0, 0, 0, 0.0, 0.0, 0.0, false}}, '
                f'// dcmread(force=True) finds no known element, only '
                f'{[str(e.tag) for e in ds]} -- not parseable as DICOM')
    ts = transfer_syntax(ds)
    if 'file_meta' not in ds.__dict__ or 'TransferSyntaxUID' not in ds.file_meta:
        surprises.append((path, f'no TransferSyntaxUID in file meta; read as {ts}'))
    pi = str(ds.get('PhotometricInterpretation', ''))
    bits = f'BitsStored {ds.get("BitsStored")}/PixelRep {ds.get("PixelRepresentation")}'
    if 'HighBit' in ds and 'BitsStored' in ds and ds.HighBit != ds.BitsStored - 1:
        surprises.append((path, f'HighBit {ds.HighBit} != BitsStored-1'))
    lossy = (ts.split()[0] in LOSSY_TS or ds.get('LossyImageCompression') == '01')
    cols, rows, frames, comps = header(ds, path)
    info = f'TS {ts}, {pi or "no PI"}, {bits}'
    if 'PixelData' not in ds:
        sop = ds.get('SOPClassUID')
        if sop is not None and 'Image' in sop.name:
            surprises.append((path, f'{sop.name} but no Pixel Data'
                                    f'{" (image module present)" if pi else ""}'))
        if any(k in ds for k in ('FloatPixelData', 'DoubleFloatPixelData')):
            surprises.append((path, 'float pixel data, no (7FE0,0010)'))
        return (f'{{"{path}", Expect::NotImage, 0, 0, 0, 0, 0.0, 0.0, 0.0, false}}, '
                f'// {info}; SOP class {ds.get("SOPClassUID", "?")}'
                f'{" " + ds.SOPClassUID.name if "SOPClassUID" in ds else ""}')
    multiframe_notes(ds, path, frames)
    native_length_note(ds, path, ts, cols, rows, frames)
    if ds.get('LossyImageCompression') == '01':
        info += ', LossyImageCompression 01'
    if 'RescaleSlope' in ds or 'ModalityLUTSequence' in ds:
        info += (', Modality LUT' if 'ModalityLUTSequence' in ds else
                 f', rescale {ds.RescaleSlope}/{ds.get("RescaleIntercept")}')
    try:
        with redirect_stderr(io.StringIO()):
            v, note = decode(ds, path, ts.split()[0])
    except Exception as e:
        msg = str(e).replace('\n', ' ')[:160]
        return (f'{{"{path}", Expect::Undecodable, {cols}, {rows}, {frames}, {comps}, '
                f'0.0, 0.0, 0.0, {str(lossy).lower()}}}, '
                f'// {info}; {type(e).__name__}: {msg}')
    expected = cols * rows * frames * comps
    if v.size != expected:
        surprises.append((path, f'decoded {v.size} values, header implies {expected}'))
    return (f'{{"{path}", Expect::Image, {cols}, {rows}, {frames}, {comps}, '
            f'{float(v.min())!r}, {float(v.max())!r}, {float(v.mean())!r}, {str(lossy).lower()}}}, '
            f'// {info}{note}')


def charset_rows():
    out = []
    for f in sorted(os.listdir(os.path.join(DATA, 'charset_files'))):
        if not f.endswith('.dcm'):
            continue
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            ds = pydicom.dcmread(os.path.join(DATA, 'charset_files', f), force=True)
            scs = ds.get('SpecificCharacterSet', '')
            scs = '\\'.join(scs) if isinstance(scs, (list, pydicom.multival.MultiValue)) else str(scs)
            name = str(ds.get('PatientName', ''))
        for w in caught:
            surprises.append((f'charset_files/{f}', f'pydicom warning: {w.message}'))
        for group in name.split('='):  # e.g. Cyrillic name with Latin look-alikes
            latin = {c for c in group if c.isalpha() and
                     unicodedata.name(c, '').startswith('LATIN')}
            if latin and any(c.isalpha() and c not in latin for c in group):
                surprises.append((f'charset_files/{f}', f'name group {group!r} mixes '
                                  f'Latin letters {sorted(latin)} with other scripts'))
        out.append(f'{{"charset_files/{f}", {cstr(scs)}, {cstr(name)}}},  // {name}')
        if 'PatientName' not in ds:
            surprises.append((f'charset_files/{f}', 'no top-level PatientName'))
        for elem in ds.iterall():  # names inside sequences (own charsets?)
            if elem.VR == 'SQ':
                for item in elem.value:
                    if 'SpecificCharacterSet' in item or 'PatientName' in item:
                        surprises.append((f'charset_files/{f}',
                                          f'{elem.keyword} item: SpecificCharacterSet '
                                          f'{item.get("SpecificCharacterSet")!s}, '
                                          f'PatientName {item.get("PatientName")!s}'))
    return out


def main():
    warnings.simplefilter('ignore')  # decode() re-enables and records its own
    files = list_files()
    rows = [row(p) for p in files]
    kinds = {k: sum(f'Expect::{k},' in r for r in rows)
             for k in ('Image', 'NotImage', 'Undecodable')}
    pr = print
    pr('// GENERATED by tests/core/dicom/make_pydicom_expectations.py -- do not edit.')
    pr('// Regenerate: /usr/bin/python3 tests/core/dicom/make_pydicom_expectations.py'
       ' > tests/core/dicom/pydicom_expectations.inc')
    pr(f'// pydicom {pydicom.__version__}, numpy {np.__version__}, '
       f'Pillow {__import__("PIL").__version__}; data from {DATA}')
    pr('// Row: {path, kind, columns, rows, frames, components, min, max, mean, lossy}')
    pr('// Values: monochrome = apply_modality_lut(masked/sign-extended stored values),')
    pr('//   all frames, no VOI/DoseGridScaling/MONOCHROME1 inversion; RGB = decoded')
    pr('//   samples; YBR_FULL(_422) -> convert_color_space(float32 matrix, +0.5, floor,')
    pr('//   clip 0..255); PALETTE COLOR = apply_color_lut (LUT bit depth).  Stats over')
    pr('//   all samples/channels.  NotImage/Undecodable rows have 0 stats.')
    pr('// Use: #define LUMEN_PYDICOM_EXPECTATIONS (or _CHARSETS) and #include this')
    pr('//   file inside the matching initializer list.')
    pr(f'// Counts: {len(rows)} files: ' + ', '.join(f'{k} {n}' for k, n in kinds.items()))
    pr('#ifdef LUMEN_PYDICOM_EXPECTATIONS')
    for r in rows:
        pr(r)
    pr('#endif')
    pr()
    pr('// Charset table: {path, SpecificCharacterSet, PatientName (UTF-8)}')
    pr('#ifdef LUMEN_PYDICOM_CHARSETS')
    for r in charset_rows():
        pr(r)
    pr('#endif')
    pr()
    pr('// Surprises / notes noticed while generating:')
    if not any('outside BitsStored' in t for _, t in surprises):
        pr('//   pydicom 2.3 pixel_array does not mask to BitsStored / sign-extend;'
           ' this script does, and it changed no value in any file.')
    groups = {}  # same note for many files in one folder -> one line
    for path, text in surprises:
        groups.setdefault((os.path.dirname(path), text), []).append(path)
    for (folder, text), paths in groups.items():
        names = [os.path.basename(p) for p in paths]
        where = (paths[0] if len(paths) == 1 else
                 f'{folder}/{{{",".join(names)}}}' if len(paths) <= 6 else
                 f'{folder}/* ({len(paths)} files)')
        pr(f'//   {where}: {text}')


if __name__ == '__main__':
    main()
