#!/usr/bin/python3
"""The SMTP server Gazette's mail tests send to (aiosmtpd, from Debian's python3-aiosmtpd).

Listens on 127.0.0.1:PORT and writes every delivered message into FOLDER as N.eml, with N.json beside it saying how it
came (the connection's client port, whether it was over TLS, the envelope). Options:
  --refuse-prefix P   recipients whose address starts with P are refused with --refuse-reply (default: a 550)
  --tls CERT KEY      offer STARTTLS with that certificate and require it before MAIL
Prints "ready" on standard output once it listens; stops on SIGTERM or when standard input closes.
"""
import argparse, asyncio, json, os, signal, ssl, sys, threading
from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, folder, refuse_prefix, refuse_reply):
        self.folder, self.refuse_prefix, self.refuse_reply = folder, refuse_prefix, refuse_reply
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_prefix and address.lower().startswith(self.refuse_prefix):
            return self.refuse_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        base = os.path.join(self.folder, "%06d" % n)
        meta = {"clientPort": session.peer[1], "tls": session.ssl is not None,
                "mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos}
        with open(base + ".json.tmp", "w") as f:
            json.dump(meta, f)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".json.tmp", base + ".json")
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("folder")
    parser.add_argument("--refuse-prefix", default="")
    parser.add_argument("--refuse-reply", default="550 5.1.1 Recipient address rejected: User unknown in local recipient table")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    handler = Handler(args.folder, args.refuse_prefix.lower(), args.refuse_reply)
    tls = None
    if args.tls:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.tls[0], args.tls[1])
    controller = Controller(handler, hostname="127.0.0.1", port=args.port, tls_context=tls,
                            require_starttls=tls is not None, data_size_limit=0, ready_timeout=30)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
