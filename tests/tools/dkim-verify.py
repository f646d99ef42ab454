#!/usr/bin/python3
"""Verifies the DKIM signature of the message on standard input with dkimpy (Debian's python3-dkim), an implementation
independent of MimeKit's. The public key is not looked up in DNS: it is the PEM file given, published as if at the
signature's selector and domain. Exit 0 and "pass" when the signature verifies, else 1 and why."""
import base64, sys
import dkim

def main():
    with open(sys.argv[1], "rb") as f:
        pem = f.read()
    der = b"".join(line.strip() for line in pem.splitlines() if line and not line.startswith(b"-----"))
    record = b"v=DKIM1; k=rsa; p=" + der
    message = sys.stdin.buffer.read()
    looked_up = []
    def dnsfunc(name, timeout=5):
        looked_up.append(name)
        return record
    verifier = dkim.DKIM(message)
    ok = verifier.verify(dnsfunc=dnsfunc)
    if ok:
        print("pass " + ",".join(n.decode() if isinstance(n, bytes) else n for n in looked_up))
        return 0
    print("fail", file=sys.stderr)
    return 1

sys.exit(main())
