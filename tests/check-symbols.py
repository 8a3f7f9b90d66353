#!/usr/bin/env python3
# The shared library exports exactly the functions its public headers
# declare: nothing private leaks out, nothing public is missing.
import re
import subprocess
import sys

lib, headers = sys.argv[1], sys.argv[2:]
declared = set()
for h in headers:
    text = open(h, encoding="utf-8").read()
    for m in re.finditer(r"RESP_AVAILABLE_IN_\w+\s+[^;]*?\b(resp_\w+)\s*\(", text):
        declared.add(m.group(1))
out = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True, check=True).stdout
exported = {line.split()[-1] for line in out.splitlines() if line.split()[1] in ("T", "D", "B", "R")}
exported = {s for s in exported if not s.startswith("_")}
missing, extra = declared - exported, exported - declared
for s in sorted(missing):
    print("declared but not exported:", s)
for s in sorted(extra):
    print("exported but not declared:", s)
print(f"{len(declared)} declared, {len(exported)} exported")
sys.exit(1 if missing or extra else 0)
