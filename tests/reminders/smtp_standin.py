"""A local SMTP server for tests: just enough of RFC 5321 (EHLO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA) to take mail.

It keeps each message it accepts and the credentials it was given, and refuses the recipients it is told to
with `550 5.1.1`, as a real server refuses an unknown mailbox.
"""

from __future__ import annotations

import base64
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: str


@dataclass
class Mailbox:
    refuse: set[str] = field(default_factory=set)
    messages: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)


class _Session(socketserver.StreamRequestHandler):
    mailbox: Mailbox

    def say(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def read(self) -> str:
        return self.rfile.readline().decode(errors="replace").rstrip("\r\n")

    def handle(self) -> None:
        self.say("220 standin ESMTP")
        sender, recipients = "", []
        while line := self.read():
            verb = line.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-standin\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n")
            elif verb == "HELO":
                self.say("250 standin")
            elif verb == "AUTH":
                self._auth(line.split(" ")[1:])
            elif verb == "MAIL":
                sender, recipients = line.split(":", 1)[1].strip(" <>"), []
                self.say("250 OK")
            elif verb == "RCPT":
                to = line.split(":", 1)[1].strip(" <>")
                if to in self.mailbox.refuse:
                    self.say(f"550 5.1.1 <{to}>: no such user")
                else:
                    recipients.append(to)
                    self.say("250 OK")
            elif verb == "DATA":
                self.say("354 end with .")
                lines = []
                while (body := self.read()) != ".":
                    lines.append(body)
                self.mailbox.messages.append(Received(sender, recipients, "\n".join(lines)))
                self.say("250 OK queued")
            elif verb == "RSET":
                sender, recipients = "", []
                self.say("250 OK")
            elif verb == "QUIT":
                self.say("221 bye")
                return
            else:
                self.say("502 not implemented")

    def _auth(self, words: list[str]) -> None:
        if words[0].upper() == "PLAIN":
            _, user, password = base64.b64decode(words[1] if len(words) > 1 else self._ask("")).decode().split("\0")
        else:  # LOGIN
            user = base64.b64decode(words[1] if len(words) > 1 else self._ask("VXNlcm5hbWU6")).decode()
            password = base64.b64decode(self._ask("UGFzc3dvcmQ6")).decode()
        self.mailbox.logins.append((user, password))
        self.say("235 2.7.0 Authentication successful")

    def _ask(self, prompt: str) -> str:
        self.say(f"334 {prompt}")
        return self.read()


@contextmanager
def smtp_standin() -> Iterator[tuple[int, Mailbox]]:
    """A server on 127.0.0.1 (a free port) for the `with` block: its port and its mailbox."""
    mailbox = Mailbox()
    handler = type("Session", (_Session,), {"mailbox": mailbox})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], mailbox
    finally:
        server.shutdown()
        server.server_close()
