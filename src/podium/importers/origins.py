"""Where the data comes from: every source file at its public origin, pinned by commit and
checked by SHA-256, fetched into a folder of the same layout as `../shared/data`; and which
data folder `podium import` reads when it is given none.

The origins are public GitHub repositories that republish olympics.com's data without a
licence, so Podium fetches them rather than ships them. The NOC reference is not fetched:
Podium builds it (`importers.noc.reference`). A mirror with the same layout
(`OWNER/REPO/COMMIT/PATH`) can stand in for GitHub (`PODIUM_DATA_ORIGIN`). Olympedia's
athletes (CC BY 4.0) come as an R data file, converted to the CSV the importer reads
(`importers.rdata`) and checked again: the CSV's SHA-256 is pinned too.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from podium.importers import noc, rdata

ORIGIN = "https://raw.githubusercontent.com"
ORIGIN_ENV = "PODIUM_DATA_ORIGIN"
DATA_ENV = "PODIUM_DATA"
# the checkout this package runs from (an editable install), whose neighbour may hold the data
CHECKOUT = Path(__file__).resolve().parents[3]

# folder: the repository, its commit, and the folder in it that holds the files
REPOSITORIES = {
    "olympics-com-history": (
        "YulinYu123/Data-Warehouse-Design-for-Olympic-Game-Datasets",
        "5274c67736ab5b784b1b97fb1d61ef01c6aa1efa",
        "",
    ),
    "paris-2024": (
        "farr13/Olympic-Data-Parsing-Cleaning",
        "f04d182514b8e4e50dcc5ccd0321b427a9828e5d",
        "paris/",
    ),
    "milano-cortina-2026": (
        "mairahazura/Milan-2026",
        "e66b77e1130c212c7eeaf27ab5aab1e61d8690f5",
        "data/",
    ),
}
PINNED = {  # file: its size and SHA-256 at that commit
    "olympics-com-history/olympic_hosts.csv": (
        5031,
        "ac37b936967acc300b6e5db574b77c0e20034118e3f1d3892835ce324e685dad",
    ),
    "olympics-com-history/olympic_medals.csv": (
        3131409,
        "38c7e4b50b7951218c7118e00058a9e80cf90a8b20e360917b3077744db9ec77",
    ),
    "paris-2024/events.csv": (
        31953,
        "1c400a115b305aa9fea652108e87f37b8c0c2b7cff86f83e17c86ff6b10517b3",
    ),
    "paris-2024/medallists.csv": (
        554803,
        "58002e9329f5b41711e88d9db713248c747fde20beca77c6ad4be35ed54e38be",
    ),
    "paris-2024/nocs.csv": (
        8421,
        "e00bad8cdf5be6a7150db4d9945f74eb970e3c9f46de23272b52db528431aa4c",
    ),
    "paris-2024/teams.csv": (
        446683,
        "4dc20ec65d48e414a466bddcc57acb75177c7c691c0247e5b4d2333fadd9a0f9",
    ),
    "milano-cortina-2026/athletes.csv": (
        459300,
        "b01f363bebdd20de19e30f1ab273c6cdcce145670a5a6283c58a2db2fd4d0244",
    ),
    "milano-cortina-2026/medallists.csv": (
        62289,
        "228b0d9c2b88dfc11ffe7d0e0e358790b3c4c2cad900875181f4becc791739f7",
    ),
    "milano-cortina-2026/medals.csv": (
        835,
        "442e8a3d2dad86197b24863c19e640e9bb6870e53f55158f667960e620d58727",
    ),
    "milano-cortina-2026/schedules.csv": (
        454280,
        "6cbfa53bdbc273ce21fe5b371df4b08eca5c56037123f8f494e43f789f1041e4",
    ),
    "milano-cortina-2026/teams.csv": (
        61514,
        "b6ab920b8a334876b43a7cee37e58b9e820b6077814dab7c2e2eb99074f2838d",
    ),
    "milano-cortina-2026/venues.csv": (
        2847,
        "b68c96900d2cc11fb3899bc613eb87383ead97e83efa75d58091b837a61e57a2",
    ),
}


@dataclass(frozen=True)
class Origin:
    file: str  # where it goes in the data folder
    repo: str  # owner/name on GitHub
    commit: str
    path: str  # within the repository
    size: int
    sha256: str
    frame: str | None = None  # an R data file: the data frame written out as CSV (gzip)
    content: str | None = None  # then the SHA-256 of that CSV

    def url(self, base: str = ORIGIN) -> str:
        return f"{base.rstrip('/')}/{self.repo}/{self.commit}/{self.path}"


def _origin(file: str) -> Origin:
    folder, name = file.split("/")
    repo, commit, path = REPOSITORIES[folder]
    size, sha256 = PINNED[file]
    return Origin(file, repo, commit, path + name, size, sha256)


ORIGINS: tuple[Origin, ...] = (
    *(_origin(file) for file in PINNED),
    Origin(
        "olympedia/athletes.csv.gz",
        "moderndive/olympicAthletes",
        "ecd911d44b2ea33d21ee9654a22e29dd79177234",
        "data/olympic_athletes.rda",
        3311252,
        "25496e549227914a2ad317e0d59214c365be479204d4c65a3cf3da8c842f4838",
        frame="olympic_athletes",
        content="7e09311ba67368098f0f502e8b10a0967696a4b2bc10aacdfd3bc6addf252f39",
    ),
)
FOLDERS = tuple(dict.fromkeys(o.file.split("/", 1)[0] for o in ORIGINS))

Progress = Callable[[str, int], None]  # the file being fetched, bytes just received


class FetchError(RuntimeError):
    """A file that could not be fetched, or whose bytes are not the pinned ones."""


def cache_folder() -> Path:
    """Where `podium data fetch` puts the data unless told otherwise."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "podium" / "data"


def origin_base() -> str:
    return os.environ.get(ORIGIN_ENV) or ORIGIN


def wanted(folders: Iterable[str] = ()) -> list[Origin]:
    """The origins of the files in these data folders (all of them when none are named)."""
    only = set(folders)
    return [o for o in ORIGINS if not only or o.file.split("/", 1)[0] in only]


def _sha256(path: Path, unzip: bool = False) -> str:
    digest = hashlib.sha256()
    with gzip.open(path, "rb") if unzip else open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _present(into: Path, origin: Origin) -> bool:
    path = into / origin.file
    if not path.is_file():
        return False
    if origin.content:
        return _sha256(path, unzip=True) == origin.content
    return path.stat().st_size == origin.size and _sha256(path) == origin.sha256


def missing(into: Path, origins: Sequence[Origin]) -> list[Origin]:
    """The origins whose file in `into` is absent or not the pinned bytes."""
    return [o for o in origins if not _present(into, o)]


def fetch(
    into: Path,
    origins: Sequence[Origin] = ORIGINS,
    base: str | None = None,
    progress: Progress | None = None,
) -> list[Origin]:
    """Download every file of `origins` not already in `into` with its pinned bytes, and
    write the NOC reference. Each file is checked against its SHA-256 before it takes its
    place; a file that fails is removed and raises `FetchError`. Returns what was fetched."""
    base = base or origin_base()
    noc.write_reference(into / "noc" / noc.FILE)
    todo = missing(into, origins)
    for origin in todo:
        _download(origin, into / origin.file, base, progress)
    return todo


def _download(origin: Origin, target: Path, base: str, progress: Progress | None) -> None:
    url = origin.url(base)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".download")
    digest = hashlib.sha256()
    try:
        with (
            httpx.stream("GET", url, follow_redirects=True, timeout=30) as response,
            open(part, "wb") as handle,
        ):
            response.raise_for_status()
            for chunk in response.iter_bytes(1 << 16):
                digest.update(chunk)
                handle.write(chunk)
                if progress:
                    progress(origin.file, len(chunk))
    except (httpx.HTTPError, OSError) as exc:
        part.unlink(missing_ok=True)
        raise FetchError(f"{origin.file}: cannot fetch {url}: {exc}") from exc
    if digest.hexdigest() != origin.sha256:
        part.unlink()
        raise FetchError(
            f"{origin.file}: {url} has SHA-256 {digest.hexdigest()}, not the pinned "
            f"{origin.sha256}; nothing kept"
        )
    if origin.frame:
        _convert(origin, part, target)
    else:
        part.replace(target)


def _convert(origin: Origin, rda: Path, target: Path) -> None:
    written = target.with_name(target.name + ".part")
    try:
        content = rdata.to_csv_gz(rda, origin.frame or "", written)
    except rdata.RDataError as exc:
        written.unlink(missing_ok=True)
        raise FetchError(f"{origin.file}: {exc}") from exc
    finally:
        rda.unlink()
    if content != origin.content:
        written.unlink()
        raise FetchError(
            f"{origin.file}: the CSV converted from {origin.path} has SHA-256 {content}, "
            f"not the pinned {origin.content}; nothing kept"
        )
    written.replace(target)


def beside_checkout() -> Path:
    return CHECKOUT.parent / "shared" / "data"


def data_folder(
    folders: Iterable[str] = (), progress: Progress | None = None
) -> tuple[str, list[Origin]]:
    """The data `podium import` reads when given none, in this order: `PODIUM_DATA`, then
    `../shared/data` beside the checkout, then the cache folder, fetching there what is
    missing (the files of `folders`, or all). Returns the folder and what was fetched."""
    if os.environ.get(DATA_ENV):
        return os.environ[DATA_ENV], []
    if beside_checkout().is_dir():
        return str(beside_checkout()), []
    cache = cache_folder()
    try:
        fetched = fetch(cache, wanted(folders), progress=progress)
    except FetchError as exc:
        raise FetchError(
            f"no data: {DATA_ENV} is not set, there is no {beside_checkout()}, and fetching "
            f"into {cache} failed ({exc}). Run `podium data fetch` where "
            f"{origin_base()} can be reached, or give the data folder: `podium import PATH` "
            f"or {DATA_ENV}=PATH"
        ) from exc
    return str(cache), fetched
