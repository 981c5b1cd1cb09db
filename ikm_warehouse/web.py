"""A polite HTTP client for ``ikm fetch``: robots.txt, a per-host pace, retries, limits.

``Client(Politeness()).get(url)`` gives a ``Response`` (2xx, or 304 to a conditional request)
or a ``Failure`` with its reason in words, e.g. ``Failure(url, "http", "HTTP 404 Not Found",
1)``; it never raises for what a server or the network does.

What it does for every request: it asks robots.txt first (once per host and run, its
redirects followed; a host whose robots.txt answers 5xx or not at all is not crawled, RFC 9309
2.3.1.4, and one that answers 4xx may be crawled whole), waits until the host's last request
is ``host_interval`` seconds old (or the robots.txt Crawl-delay), follows up to
``max_redirects`` redirects itself (so a loop is named as one), retries timeouts, lost
connections, 429 and 5xx with a doubling back-off (or the server's Retry-After, when longer),
and stops reading a body past ``max_bytes`` or ``download_seconds``.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3 import exceptions as url_errors

from ikm_warehouse.sources import MAX_CRAWL_DELAY, Politeness

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
# Failure kinds that may pass by themselves: tried again in the same run (with back-off) and
# in the next run. The others are the page's answer, and it is not asked again.
TRANSIENT = frozenset({"timeout", "connection", "dns", "http 429", "http 5xx", "robots"})
CHUNK = 64 * 1024
# A server's Retry-After is waited for up to this; a daily run cannot wait for hours.
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class Response:
    url: str  # where the body came from, after redirects
    status: int
    content_type: str  # lower case, without parameters ("text/html"); "" when not given
    headers: Mapping[str, str]
    body: bytes


@dataclass(frozen=True)
class Failure:
    url: str  # the URL asked for
    kind: str  # dns, timeout, connection, http 404, http 5xx, redirect, too large, robots, ...
    reason: str  # in words, with the detail: "HTTP 500 Internal Server Error"
    attempts: int = 1

    @property
    def transient(self) -> bool:
        return self.kind in TRANSIENT


class Client:
    """One run's client: it remembers each host's robots.txt and its last request.

    ``clock`` and ``sleep`` are the time it waits by (tests pass a fake clock, so that the
    pace can be seen without being waited for).
    """

    def __init__(
        self,
        politeness: Politeness,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.politeness = politeness
        self._clock = clock
        self._sleep = sleep
        # Given with every request: a request's own headers replace the pool's, not add to them.
        self._headers = {"User-Agent": politeness.user_agent, "Accept-Encoding": "gzip, deflate"}
        self._pool = urllib3.PoolManager(
            num_pools=32,
            retries=False,
            timeout=urllib3.Timeout(connect=politeness.timeout, read=politeness.timeout),
        )
        self._last_request: dict[str, float] = {}  # host -> when its last request started
        self._robots: dict[str, urllib.robotparser.RobotFileParser | Failure] = {}
        self._interval: dict[str, float] = {}  # host -> seconds between its requests

    def close(self) -> None:
        self._pool.clear()

    def get(
        self, url: str, *, accept: str = "*/*", headers: Mapping[str, str] | None = None
    ) -> Response | Failure:
        """GET ``url`` (robots.txt permitting), following redirects."""
        chain = [url]
        current = url
        while True:
            refusal = self._robots_refusal(current)
            if refusal is not None:
                return Failure(url, refusal.kind, refusal.reason)
            answer = self._request(current, {"Accept": accept, **(headers or {})})
            if isinstance(answer, Failure):
                return Failure(url, answer.kind, answer.reason, answer.attempts)
            if answer.status not in REDIRECTS:
                return answer
            location = answer.headers.get("Location")
            if not location:
                return Failure(url, "redirect", f"HTTP {answer.status} without a Location")
            current = urljoin(current, location)
            if urlsplit(current).scheme not in ("http", "https"):
                return Failure(url, "redirect", f"redirect to a non-web address: {current}")
            if current in chain:
                loop = " -> ".join([*chain[chain.index(current) :], current])
                return Failure(url, "redirect loop", f"redirect loop: {loop}")
            chain.append(current)
            if len(chain) > self.politeness.max_redirects + 1:
                limit = self.politeness.max_redirects
                return Failure(url, "redirect", f"too many redirects (over {limit})")

    def _request(self, url: str, headers: Mapping[str, str]) -> Response | Failure:
        """One URL, no redirect followed, tried again on what may pass by itself."""
        attempts = self.politeness.retries + 1
        answer: Response | Failure = Failure(url, "connection", "not tried")
        asked_to_wait = 0.0  # the server's Retry-After, when it gave one
        for attempt in range(1, attempts + 1):
            if attempt > 1:
                self._sleep(max(self.politeness.backoff * 2 ** (attempt - 2), asked_to_wait))
            answer = self._once(url, headers)
            if isinstance(answer, Failure):
                answer = Failure(url, answer.kind, answer.reason, attempt)
                if not answer.transient or answer.kind == "dns":
                    return answer  # asking again changes nothing
            elif answer.status in RETRIED_STATUSES and attempt < attempts:
                asked_to_wait = _retry_after(answer.headers.get("Retry-After"))
                continue
            else:
                return _status_failure(answer, attempt) or answer
        if isinstance(answer, Response):
            return _status_failure(answer, attempts) or answer
        return answer

    def _once(self, url: str, headers: Mapping[str, str]) -> Response | Failure:
        self._wait_for(url)
        limit = self.politeness.max_bytes
        try:
            raw = self._pool.request(
                "GET",
                url,
                headers={**self._headers, **headers},
                redirect=False,
                preload_content=False,
            )
        except url_errors.HTTPError as error:
            return _network_failure(url, error, self.politeness.timeout)
        complete = False
        try:
            length = raw.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                return _too_large(url, limit)
            deadline = self._clock() + self.politeness.download_seconds
            chunks: list[bytes] = []
            size = 0
            for chunk in raw.stream(CHUNK):
                size += len(chunk)
                if size > limit:
                    return _too_large(url, limit)
                if self._clock() > deadline:
                    seconds = self.politeness.download_seconds
                    return Failure(url, "timeout", f"timeout: not downloaded within {seconds:g} s")
                chunks.append(chunk)
            complete = True
        except url_errors.HTTPError as error:
            return _network_failure(url, error, self.politeness.timeout)
        finally:
            if complete:
                raw.release_conn()
            else:  # a body left half read: the connection cannot serve another request
                raw.close()
        content_type = raw.headers.get("Content-Type", "").split(";")[0].strip().lower()
        return Response(url, raw.status, content_type, dict(raw.headers), b"".join(chunks))

    def _wait_for(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        interval = self._interval.get(host, self.politeness.host_interval)
        last = self._last_request.get(host)
        if last is not None:
            wait = last + interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _robots_refusal(self, url: str) -> Failure | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        robots = self._robots[origin]
        if isinstance(robots, Failure):
            return robots
        if not robots.can_fetch(self.politeness.user_agent, url):
            return Failure(url, "robots disallow", "disallowed by robots.txt")
        return None

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | Failure:
        url = f"{origin}/robots.txt"
        robots = urllib.robotparser.RobotFileParser(url)
        answer = self._request(url, {"Accept": "text/plain"})
        # Redirects followed (RFC 9309 2.3.1.2: five at least; http -> https is common); one
        # that leads nowhere within them is as no robots.txt.
        for _ in range(self.politeness.max_redirects):
            if not isinstance(answer, Response) or answer.status not in REDIRECTS:
                break
            location = answer.headers.get("Location")
            if not location:
                break
            url = urljoin(url, location)
            answer = self._request(url, {"Accept": "text/plain"})
        if isinstance(answer, Failure) and not answer.kind.startswith("http 4"):
            # Not crawled; a host that is not there says so (dns) rather than "robots".
            if answer.kind == "dns":
                return answer
            kind = answer.kind if answer.kind in ("connection", "timeout") else "robots"
            return Failure(origin, kind, f"robots.txt unreachable: {answer.reason}")
        if isinstance(answer, Failure) or answer.status in REDIRECTS:
            robots.parse([])  # no robots.txt (4xx): everything may be crawled
        else:
            robots.parse(answer.body.decode("utf-8", errors="replace").splitlines())
            delay = robots.crawl_delay(self.politeness.user_agent)
            if delay is not None:
                host = urlsplit(origin).netloc.lower()
                self._interval[host] = max(
                    self.politeness.host_interval, min(float(delay), MAX_CRAWL_DELAY)
                )
        return robots


def _retry_after(value: str | None) -> float:
    """A Retry-After in seconds (its date form is not used), at most ``MAX_RETRY_AFTER``."""
    if value is None or not value.strip().isdigit():
        return 0.0
    return min(float(value.strip()), MAX_RETRY_AFTER)


def _status_failure(response: Response, attempts: int) -> Failure | None:
    status = response.status
    if 200 <= status < 300 or status == 304 or status in REDIRECTS:
        return None
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "unknown status"
    kind = "http 5xx" if status >= 500 else f"http {status}"
    return Failure(response.url, kind, f"HTTP {status} {phrase}", attempts)


def _too_large(url: str, limit: int) -> Failure:
    return Failure(url, "too large", f"too large: over {limit / 1_000_000:g} MB")


def _network_failure(url: str, error: url_errors.HTTPError, timeout: float) -> Failure:
    cause: BaseException = error
    if isinstance(error, url_errors.MaxRetryError) and error.reason is not None:
        cause = error.reason
    host = urlsplit(url).hostname or url
    if isinstance(cause, url_errors.NameResolutionError):
        return Failure(url, "dns", f"DNS: cannot resolve {host}")
    if isinstance(cause, url_errors.TimeoutError):
        return Failure(url, "timeout", f"timeout: no answer within {timeout:g} s")
    if isinstance(cause, url_errors.SSLError):
        return Failure(url, "tls", f"TLS error: {cause}")
    if isinstance(cause, url_errors.LocationValueError):
        return Failure(url, "bad url", f"not a usable URL: {cause}")
    if isinstance(cause, url_errors.NewConnectionError):
        return Failure(url, "connection", f"cannot connect to {host}")
    return Failure(url, "connection", f"connection lost ({type(cause).__name__})")
