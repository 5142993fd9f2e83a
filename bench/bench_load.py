"""Load: 50 signed-in people at once on the caseload and complaint pages, against gunicorn on PostgreSQL.

Serves the app with `redress serve` (gunicorn, the production settings) on 127.0.0.1 over the
complaints `bench_casework` generates (its database and generator; 100,000 complaints unless
`--complaints` says fewer, for a quick run), and prints p50, p95 and errors for each page beside a
trivial view (/healthz) asked for under the same load. Then 8 writers append events to one complaint
at once through the API: no event may be lost or doubled, and its projection must equal a rebuild.

Two runs, each printed: first closed loop (each person asks again as soon as answered: a stress
test, where latency is mostly queueing, 50 requests on 2 cores), then with think time (each person
waits about `--think` seconds, default 1, between requests, as people read a page: the figure the
300 ms target is about). `--only closed|think` runs one. Bounded: every simulated person makes
`--requests` requests (default 30) in each run, and each run stops after `--seconds` (default 180)
whatever is left; nothing but 127.0.0.1 is ever asked. The sessions are signed in past the second
factor (a device is made for each bench officer once). The load average is printed with each run.

Before either run every page is asked a few times at once, untimed, so that no worker is still
loading its code when the timing starts. Each person starts on one of the three pages at random, and
with think time at a random moment within the first second, as people do (before, all 50 asked for
the caseload in the same instant, and that first queue was the run's p95). `BENCH_ACCESS_LOG=FILE`
keeps gunicorn's access log, each line the path and the microseconds gunicorn took over it, to tell
the time spent working from the time spent waiting for a worker.

    python -m bench.bench_load --complaints 100000
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

USERS = 50
WRITERS = 8
EACH_WRITER = 5
HOST = "127.0.0.1"
PAGES = [("caseload", "/complaints/?officer=me&status=open"), ("complaint", ""), ("trivial", "/healthz")]


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, status: int) -> None:
        with self.lock:
            self.times[kind].append(ms)
            if status != 200:
                self.errors[kind] += 1
                self.statuses[status] += 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _request(conn: http.client.HTTPConnection, method: str, path: str, headers: dict[str, str],
             body: bytes | None = None) -> tuple[int, bytes]:
    conn.request(method, path, body=body, headers={"Host": HOST, **headers})
    response = conn.getresponse()
    return response.status, response.read()


def _serve(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "redress", "serve", "--bind", f"{HOST}:{port}", "--workers", str(workers),
         "--", "--access-logfile", os.environ.get("BENCH_ACCESS_LOG", "/dev/null"), "--access-logformat", "%(U)s %(D)s"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            if _request(http.client.HTTPConnection(HOST, port, timeout=5), "GET", "/healthz", {})[0] == 200:
                return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit("gunicorn did not start")


def _person(port: int, cookie: str, complaint_ids: list[int], requests: int, deadline: float, tally: Tally,
            rng: random.Random, think: float) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {"Cookie": f"sessionid={cookie}"}
    first = rng.randrange(len(PAGES))  # people are not all on the same page at once
    if think:
        time.sleep(rng.uniform(0, think))  # nor do they all click in the same instant
    for n in range(requests):
        if time.monotonic() > deadline:
            return
        kind, path = PAGES[(first + n) % len(PAGES)]
        if kind == "complaint":
            path = f"/complaints/{rng.choice(complaint_ids)}/"
        began = time.perf_counter()
        try:
            status, _ = _request(conn, "GET", path, headers)
        except (OSError, http.client.HTTPException):
            status = 0
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
        tally.add(kind, (time.perf_counter() - began) * 1000, status)
        if think:
            time.sleep(rng.uniform(0.5, 1.5) * think)  # a person reads the page before the next click


def _warm(port: int, cookies: list[str], theirs: dict[str, list[int]], workers: int) -> None:
    """Each page asked a few times at once, untimed, so that every worker has loaded its code and templates."""
    ids = [pk for pks in theirs.values() for pk in pks[:5]]

    def ask(n: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        for _kind, path in PAGES * 2:
            _request(conn, "GET", path or f"/complaints/{ids[n % len(ids)]}/", {"Cookie": f"sessionid={cookies[n]}"})

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(min(len(cookies), 2 * workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _loadavg() -> str:
    try:
        with open("/proc/loadavg") as handle:
            return " ".join(handle.read().split()[:3])
    except OSError:
        return "unknown"


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _sessions(count: int) -> tuple[list[str], dict[str, list[int]]]:
    """A signed-in session for `count` officers, and the complaints each is the officer of."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from redress.complaints.models import Complaint
    from redress.councils.models import User
    from redress.web.middleware import IdleSessionMiddleware

    officers = list(User.objects.filter(email__endswith="@bench.example").order_by("email"))
    cookies, theirs = [], {}
    for n in range(count):
        officer = officers[n % len(officers)]
        session = SessionStore()
        session[SESSION_KEY] = str(officer.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = officer.get_session_auth_hash()
        # Past the second step too, as a person who gave their authenticator app's code (its device, made once).
        device = TOTPDevice.objects.filter(user=officer, confirmed=True).first() or TOTPDevice.objects.create(
            user=officer, name="Bench authenticator app", confirmed=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[IdleSessionMiddleware.KEY] = int(time.time() // 60)
        session.create()
        cookies.append(session.session_key or "")
        if officer.email not in theirs:
            ids = Complaint.objects.filter(officer=officer).order_by("-version").values_list("pk", flat=True)[:200]
            theirs[officer.email] = list(ids)
    return cookies, theirs


def _load(port: int, requests: int, seconds: float, think: float, sessions: tuple[list[str], dict[str, list[int]]]) -> Tally:
    from redress.councils.models import User

    cookies, theirs = sessions
    officers = list(User.objects.filter(email__endswith="@bench.example").order_by("email"))
    tally = Tally()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_person, args=(port, cookie, theirs[officers[n % len(officers)].email], requests,
                                               deadline, tally, random.Random(n), think))
        for n, cookie in enumerate(cookies)
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - began
    total = sum(len(v) for v in tally.times.values())
    mode = (f"{think:g} s between clicks on average (people reading pages)" if think else
            "closed loop: each asks again as soon as answered (a stress test; latency is queueing)")
    print(f"{USERS} people, {mode}: {total:,} requests in {took:.1f} s ({total / took:.0f} requests/s); "
          f"load average {_loadavg()}")
    trivial = statistics.median(tally.times["trivial"]) if tally.times["trivial"] else float("nan")
    for kind in ("trivial", "caseload", "complaint"):
        samples = tally.times[kind]
        if not samples:
            continue
        p50, p95 = _percentile(samples, 0.5), _percentile(samples, 0.95)
        target = "" if kind == "trivial" else f" (target p95 < 300 ms; p50 {p50 / trivial:.1f}x the trivial view)"
        print(f"  {kind:9} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  errors {tally.errors[kind]} of {len(samples)}{target}")
    if tally.statuses:
        print(f"  errors by status (0: no answer): {dict(sorted(tally.statuses.items()))}")
    return tally


def _writers(port: int) -> bool:
    """8 writers at once on one new complaint, through the API; True when nothing was lost or doubled."""
    from django.utils import timezone

    from redress.complaints.models import Complaint, Event, Projection
    from redress.complaints.projections import projections_rebuild
    from redress.councils.models import User
    from redress.councils.tokens import api_token_create

    officer = User.objects.filter(email__endswith="@bench.example").order_by("email").first()
    assert officer is not None
    token = api_token_create(user=officer)[1]
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    case = {"points": [{"id": "P1", "text": "A delay", "about": "delay"}], "events": [
        {"date": "2024-01-08", "type": "complaint.received", "complainant": {"role": "parent"}}]}
    status, body = _request(http.client.HTTPConnection(HOST, port, timeout=60), "POST", "/api/v1/complaints",
                            headers, json.dumps(case).encode())
    assert status == 201, body
    complaint_id = json.loads(body)["id"]
    refused: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(WRITERS)

    def writer(number: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        barrier.wait()
        for n in range(EACH_WRITER):
            event = {"date": "2024-01-10", "type": "offer.made", "id": f"W{number}-{n}", "what": "A meeting",
                     "window": "20 WD"}
            status, _ = _request(conn, "POST", f"/api/v1/complaints/{complaint_id}/events", headers,
                                 json.dumps(event).encode())
            if status != 201:
                with lock:
                    refused.append(status)

    began = time.perf_counter()
    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - began
    complaint = Complaint.objects.get(pk=complaint_id)
    events = list(Event.objects.filter(complaint=complaint).order_by("sequence"))
    ids = sorted(e.data["id"] for e in events if e.type == "offer.made")
    expected = sorted(f"W{w}-{n}" for w in range(WRITERS) for n in range(EACH_WRITER))
    whole = [e.sequence for e in events] == list(range(1, len(events) + 1)) and complaint.version == len(events)
    before = Projection.objects.filter(pk=complaint_id).values().get()
    projections_rebuild(council=complaint.council, today=timezone.localdate())  # the whole council, as a rebuild does
    after = Projection.objects.filter(pk=complaint_id).values().get()
    same = {k: v for k, v in before.items() if k != "computed_on"} == {k: v for k, v in after.items() if k != "computed_on"}
    fine = not refused and ids == expected and whole and same
    print(f"{WRITERS} writers x {EACH_WRITER} events on one complaint in {took:.1f} s: {len(ids)} of {len(expected)} "
          f"recorded, refused {len(refused)} ({sorted(set(refused))}), sequence whole: {whole}, "
          f"projection equal to a rebuild: {same}")
    return fine


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_load")
    parser.add_argument("--complaints", type=int, default=int(os.environ.get("BENCH_COMPLAINTS", "100000")))
    parser.add_argument("--requests", type=int, default=30, help="requests each person makes (default 30)")
    parser.add_argument("--seconds", type=float, default=180, help="stop after this long, whatever is left")
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean seconds each person waits between requests in the second run (default 1)")
    parser.add_argument("--only", choices=("closed", "think"), default=None,
                        help="run only the closed-loop run or only the run with think time (default: both)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers")
    args = parser.parse_args(argv if argv is not None else [])
    os.environ["BENCH_COMPLAINTS"] = str(args.complaints)
    from bench import bench_casework

    bench_casework.COMPLAINTS = args.complaints
    bench_casework._setup_django()
    from django.conf import settings

    from redress.complaints.models import Complaint, Projection
    from redress.complaints.projections import projections_rebuild
    from redress.councils.models import Council

    bench_casework._generate("Bench County Council", args.complaints)
    council = Council.objects.get(name="Bench County Council")
    held = Complaint.objects.filter(council=council).count()
    if Projection.objects.filter(council=council).count() != held:
        projections_rebuild(council=council, today=bench_casework.TODAY, jobs=os.cpu_count() or 1)
    print(f"{held:,} complaints in {bench_casework.BENCH_DATABASE_URL.split('@')[-1]}; gunicorn, {args.workers} workers")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDRESS_", "DJANGO_"))}
    env.update(DATABASE_URL=bench_casework.BENCH_DATABASE_URL, REDRESS_ALLOWED_HOSTS=HOST,
               REDRESS_SECRET_KEY=settings.SECRET_KEY,  # the sessions made here are signed with it
               REDRESS_SECURE_COOKIES="false")
    port = _free_port()
    server = _serve(env, port, args.workers)
    try:
        sessions = _sessions(USERS)
        _warm(port, *sessions, args.workers)
        print(f"load average before: {_loadavg()}")
        if args.only != "think":
            _load(port, args.requests, args.seconds, 0.0, sessions)
        if args.only != "closed" and args.think > 0:
            _load(port, args.requests, args.seconds, args.think, sessions)
        fine = _writers(port)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if not fine:
        raise SystemExit("the parallel writers lost, doubled or refused an event")


if __name__ == "__main__":
    main(sys.argv[1:])
