#!/usr/bin/env python3
"""Writes confusables.tsv, the look-alike table NameSkeleton reads, from the ICU on this machine.

ICU carries Unicode's confusables.txt (UTS #39, "Unicode Security Mechanisms") compiled into its data; uspoof_getSkeleton
applies it. Asking ICU for the skeleton of every code point gives back the table, so Gazette needs neither ICU at run time
(it is not on every platform .NET runs on) nor a copy of confusables.txt from the network.

    python3 src/Gazette.Core/Accounts/Confusables/regenerate.py [ICU major version, default 72]

Only code points that NFD leaves alone are listed (NameSkeleton decomposes first, as UTS #39's skeleton does), and only
those ICU maps to something other than themselves.
"""
import ctypes
import os
import sys
import unicodedata

version = sys.argv[1] if len(sys.argv) > 1 else "72"
i18n = ctypes.CDLL(f"libicui18n.so.{version}")
uc = ctypes.CDLL(f"libicuuc.so.{version}")
status = ctypes.c_int(0)
open_checker = getattr(i18n, f"uspoof_open_{version}")
open_checker.restype = ctypes.c_void_p
checker = open_checker(ctypes.byref(status))
assert status.value <= 0, status.value
skeleton_of = getattr(i18n, f"uspoof_getSkeleton_{version}")
skeleton_of.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_wchar_p, ctypes.c_int32, ctypes.c_void_p, ctypes.c_int32, ctypes.POINTER(ctypes.c_int)]
unicode_version = (ctypes.c_uint8 * 4)()
getattr(uc, f"u_getUnicodeVersion_{version}")(unicode_version)


def utf16(text):
    data = text.encode("utf-16-le")
    return (ctypes.c_char * len(data)).from_buffer_copy(data), len(data) // 2


def skeleton(text):
    source, length = utf16(text)
    dest = (ctypes.c_uint16 * 64)()
    status = ctypes.c_int(0)
    n = skeleton_of(checker, 0, ctypes.cast(source, ctypes.c_wchar_p), length, dest, 64, ctypes.byref(status))
    assert status.value <= 0, (hex(ord(text)), status.value)
    return bytes(bytearray(dest)[: n * 2]).decode("utf-16-le")


rows = []
for code in range(0x110000):
    if 0xD800 <= code <= 0xDFFF:
        continue
    char = chr(code)
    if unicodedata.category(char) in ("Cn", "Co", "Cs") or unicodedata.normalize("NFD", char) != char:
        continue
    prototype = skeleton(char)
    if prototype != char:
        rows.append((code, prototype))

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "confusables.tsv"), "w", encoding="utf-8", newline="\n") as out:
    out.write(f"""# Look-alike characters and the prototype each is confused with: the mapping of Unicode's confusables.txt
# (UTS #39, Unicode Security Mechanisms), as ICU {version} (Unicode {'.'.join(map(str, unicode_version[:3]))}) applies it.
# Made by regenerate.py beside this file; do not edit. One line per code point: its hex, a tab, the prototype's code points.
#
# Copyright © 1991-2022 Unicode, Inc. All rights reserved.
# Distributed under the Unicode License (https://www.unicode.org/license.txt): permission is granted, free of charge, to
# any person obtaining a copy of the Unicode data files to deal in them without restriction, provided that this copyright
# and permission notice appear with all copies. THE DATA FILES ARE PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
""")
    for code, prototype in rows:
        out.write(f"{code:04X}\t{' '.join(f'{ord(c):04X}' for c in prototype)}\n")
print(f"{len(rows)} look-alikes written")
