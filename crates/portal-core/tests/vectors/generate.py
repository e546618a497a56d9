"""Computes the HMAC vectors with Python's hmac, independently of the Rust code.

Usage: python3 generate.py > hmac.json
"""
import hashlib
import hmac
import json
import pathlib
import sys

inputs = json.loads(pathlib.Path(__file__).with_name("inputs.json").read_text("utf-8"))
out = [
    {
        "secret": v["secret"],
        "email": v["email"],
        "hash": hmac.new(v["secret"].encode(), v["email"].encode(), hashlib.sha256).hexdigest(),
    }
    for v in inputs
]
sys.stdout.write(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
