"""Group folders as they are in real life (issue 14): data files that are links to a synced
folder, a hand edit saved while glossaire writes, shared permissions, a full disk, a
read-only folder, a lock that cannot be taken. Nothing saved is ever lost or altered, and
every failure is a French sentence with a non-zero exit, never « problème interne »."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from glossaire.writing import atomic
from tests.conftest import Invoke

pytestmark = pytest.mark.usefixtures("index_mode")

ADD = ("add", "b", "--terme", "B", "--definition", "Déf.", "--source", "atelier2016")
REF = "@book{roux2013, author = {Roux, Léa}, title = {T}, publisher = {P}, year = {2013}}\n"


def _clean_failure(result, *fragments: str) -> None:
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr and "problème interne" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


@pytest.mark.parametrize("name", ["concepts.yaml", "references.bib"])
def test_a_data_file_that_is_a_link_is_written_through_the_link(
    invoke: Invoke, tmp_path: Path, name: str
) -> None:
    synced = tmp_path / "synchronisé"
    synced.mkdir()
    real = synced / name
    real.write_text("- id: a\n  terme: A\n" if name == "concepts.yaml" else "% refs\n", "utf-8")
    folder = tmp_path / "groupe"
    folder.mkdir()
    (folder / name).symlink_to(real)
    before = real.read_bytes()
    command = ADD if name == "concepts.yaml" else ("add-ref",)
    result = invoke("--data", str(folder), *command, input=REF)
    assert result.exit_code == 0, result.stderr
    assert (folder / name).is_symlink()  # still a link, to the same file
    assert real.read_bytes().startswith(before) and len(real.read_bytes()) > len(before)
    assert not [p for p in synced.iterdir() if p.name.endswith(".tmp")]


def test_define_writes_through_a_linked_personal_file(
    invoke: Invoke, isolated_home: Path, tmp_path: Path
) -> None:
    real = tmp_path / "ailleurs.yaml"
    real.write_text("", "utf-8")
    isolated_home.mkdir(parents=True)
    (isolated_home / "mes-definitions.yaml").symlink_to(real)
    assert invoke("define", "réseau", "Pour moi.").exit_code == 0
    assert (isolated_home / "mes-definitions.yaml").is_symlink()
    assert "Pour moi." in real.read_text("utf-8")


def test_a_link_loop_is_refused_in_french(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "groupe"
    folder.mkdir()
    (folder / "concepts.yaml").symlink_to(folder / "boucle.yaml")
    (folder / "boucle.yaml").symlink_to(folder / "concepts.yaml")
    result = invoke("--data", str(folder), *ADD)
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert "problème interne" not in result.stderr


def test_a_hand_edit_saved_during_the_write_is_kept(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor saves (by rename, as most do) between glossaire's read and its write."""
    folder = group(concepts="- id: a\n  terme: A\n")
    path = folder / "concepts.yaml"
    edited = b"- id: a\n  terme: A (corrige a la main)\n"
    real_refuse = atomic._refuse_if_changed

    def editor_saves_first(shown: Path, target: Path, original: bytes, state: object) -> None:
        temporary = target.with_name("sauvegarde~")
        temporary.write_bytes(edited)
        os.replace(temporary, target)
        real_refuse(shown, target, original, state)

    monkeypatch.setattr(atomic, "_refuse_if_changed", editor_saves_first)
    result = invoke("--data", str(folder), *ADD)
    _clean_failure(result, "a été modifié pendant", "Relancez la commande")
    assert path.read_bytes() == edited


def test_the_lock_file_lets_every_member_write_and_is_removed_after(
    invoke: Invoke, group
) -> None:
    """While a write holds it, the lock file is writable by the whole group (whatever the
    umask); once the write is done it is gone, so a synced folder is not littered."""
    from glossaire.writing.lock import LOCK_FILE, folder_lock

    folder = group(concepts="- id: a\n  terme: A\n")
    old = os.umask(0o022)
    try:
        with folder_lock(folder, timeout=1):
            mode = stat.S_IMODE((folder / LOCK_FILE).stat().st_mode)
        assert invoke("--data", str(folder), *ADD).exit_code == 0
    finally:
        os.umask(old)
    assert mode & 0o066 == 0o066, oct(mode)
    assert not (folder / LOCK_FILE).exists()
    assert sorted(p.name for p in folder.iterdir()) == ["concepts.yaml"]


def test_group_owner_and_extended_attributes_are_kept(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n")
    path = folder / "concepts.yaml"
    os.chmod(path, 0o664)
    try:
        os.setxattr(path, "user.glossaire-test", b"partage")
    except OSError:
        pytest.skip("no extended attributes on this file system")
    os.chown(path, 1234, 5678)  # root in the test: another member's file
    assert invoke("--data", str(folder), *ADD).exit_code == 0
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (1234, 5678, 0o664)
    assert os.getxattr(path, "user.glossaire-test") == b"partage"


def test_a_file_owned_by_another_member_is_appended_in_place(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the right to give the file back to its owner, glossaire keeps the inode."""
    folder = group(concepts="- id: a\n  terme: A\n")
    path = folder / "concepts.yaml"
    inode = path.stat().st_ino
    monkeypatch.setattr(atomic, "_owned_by_another", lambda info: True)
    assert invoke("--data", str(folder), *ADD).exit_code == 0
    assert path.stat().st_ino == inode
    assert b'- id: "b"' in path.read_bytes()


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EROFS])
@pytest.mark.parametrize("command", ["add", "add-ref", "define", "style"])
def test_a_failing_disk_leaves_every_file_as_it_was(
    invoke: Invoke, group, isolated_home: Path, monkeypatch: pytest.MonkeyPatch, code, command
) -> None:
    folder = group(concepts="- id: a\n  terme: A\n", references="% refs\n")
    files = [folder / "concepts.yaml", folder / "references.bib"]
    before = [p.read_bytes() for p in files]

    def failing_fsync(descriptor: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    arguments = {
        "add": ("--data", str(folder), *ADD),
        "add-ref": ("--data", str(folder), "add-ref"),
        "define": ("define", "réseau", "Pour moi."),
        "style": ("style", "apa"),
    }[command]
    result = invoke(*arguments, input=REF)
    _clean_failure(result, "n'a pas pu être écrit", "Le fichier est resté tel qu'il était")
    assert [p.read_bytes() for p in files] == before
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert "No space" not in result.stderr and "Permission denied" not in result.stderr


def test_a_lock_path_that_is_a_folder_is_explained(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n")
    (folder / ".glossaire.lock").mkdir()
    _clean_failure(invoke("--data", str(folder), *ADD), "est un dossier", "Supprimez ce dossier")


def test_a_lock_timeout_that_is_not_a_number_is_a_usage_error(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n")
    result = invoke("--data", str(folder), *ADD, env={"GLOSSAIRE_LOCK_TIMEOUT": "abc"})
    assert result.exit_code == 2 and "GLOSSAIRE_LOCK_TIMEOUT" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_pipe_as_a_data_file_is_reported_never_read(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "groupe"
    folder.mkdir()
    os.mkfifo(folder / "concepts.yaml")  # reading it would wait for ever
    _clean_failure(invoke("--data", str(folder), "show", "réseau"), "fichier ordinaire")
    checked = invoke("--data", str(folder), "check")
    assert checked.exit_code == 1 and "concepts.yaml" in checked.stdout


def test_add_ref_of_a_device_is_refused_at_once(invoke: Invoke, group) -> None:
    folder = group(concepts="")
    _clean_failure(invoke("--data", str(folder), "add-ref", "/dev/zero"), "fichier ordinaire")


def test_a_folder_named_like_a_data_file_is_reported(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "groupe"
    (folder / "references.bib").mkdir(parents=True)
    checked = invoke("--data", str(folder), "check")
    assert checked.exit_code == 1 and "est un dossier" in checked.stdout


def test_invisible_characters_are_reported_and_never_stop_an_export(
    invoke: Invoke, group, tmp_path: Path
) -> None:
    folder = group(
        concepts='- id: a\n  terme: A\n  definitions:\n    - texte: "une\\vdeux\\x01 trois"\n'
        "      source: atelier2016\n"
    )
    checked = invoke("--data", str(folder), "check")
    assert checked.exit_code == 1
    assert "concepts.yaml:4" in checked.stdout and "U+000B" in checked.stdout
    out = tmp_path / "annexe.docx"
    assert invoke("--data", str(folder), "export", "a", "-o", str(out)).exit_code == 0
    import docx

    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any(t.startswith("une\ndeux trois") for t in texts), texts  # Shift+Enter: a break


def test_add_refuses_an_invisible_character(invoke: Invoke, group) -> None:
    folder = group(concepts="- id: a\n  terme: A\n")
    before = (folder / "concepts.yaml").read_bytes()
    result = invoke(
        "--data", str(folder), "add", "b", "--terme", "B", "--definition", "x\x0by",
        "--source", "atelier2016",
    )  # fmt: skip
    _clean_failure(result, "caractère invisible (U+000B)")
    assert (folder / "concepts.yaml").read_bytes() == before


@pytest.mark.parametrize("target", ["concepts.yaml", "/dev/null"])
def test_export_never_overwrites_data_or_a_device(invoke: Invoke, group, target: str) -> None:
    folder = group(concepts="- id: a\n  terme: A\n")
    before = (folder / "concepts.yaml").read_bytes()
    output = str(folder / target) if "/" not in target else target
    result = invoke("--data", str(folder), "export", "a", "-o", output, "--force")
    if target.endswith(".yaml"):  # not a name an annex can have: a usage error, exit 2
        assert result.exit_code == 2 and "Traceback" not in result.stderr
    else:
        _clean_failure(result)
    assert (folder / "concepts.yaml").read_bytes() == before


def test_ris_keys_go_on_after_z(invoke: Invoke, group) -> None:
    """The 28th record of one author and year gets « …aa », never « …{ »."""
    folder = group(concepts="")
    records = "".join(
        f"TY  - BOOK\nAU  - Ministère\nTI  - Rapport {n}\nPY  - 2020\nPB  - Ministère\nER  - \n\n"
        for n in range(30)
    )
    result = invoke("--data", str(folder), "add-ref", input=records)
    assert result.exit_code == 0, result.stderr
    text = (folder / "references.bib").read_text("utf-8")
    assert "{ministere2020aa," in text and "{ministere2020{" not in text


@pytest.mark.parametrize(
    ("ending", "value"), [("|\n    clip", "clip"), ("|+\n    garde\n", "garde\n")]
)
def test_add_never_changes_the_block_scalar_before_it(
    invoke: Invoke, group, ending: str, value: str
) -> None:
    folder = group(concepts=f"- id: a\n  terme: A\n  notes: {ending}")
    before = (folder / "concepts.yaml").read_bytes()
    result = invoke("--data", str(folder), *ADD)
    _clean_failure(result, "changerait le texte de l'entrée « a »")
    assert (folder / "concepts.yaml").read_bytes() == before
    shown = invoke("--data", str(folder), "show", "a", "-f", "json")
    assert f'"notes": {value!r}'.replace("'", '"').replace("\n", "\\n") in shown.stdout


def test_a_style_file_the_engine_cannot_apply_is_not_saved(
    invoke: Invoke, tmp_path: Path
) -> None:
    broken = tmp_path / "ecole.csl"
    broken.write_text("<style>pas une norme</style>", "utf-8")
    _clean_failure(invoke("style", str(broken)), "ne sait pas appliquer le style")
    assert not (tmp_path / "réglages" / "config.toml").exists()


@pytest.mark.parametrize(
    "arguments",
    [
        ("show", "\udcff\udcfe"),
        ("cite", "dh\udcffume"),
        ("--data", "/tmp/\udcff", "show", "réseau"),
        ("export", "réseau", "-o", "/proc/annexe.docx"),
        ("export", "réseau", "-o", "a" * 300 + ".docx"),
    ],
)
def test_odd_arguments_get_french_errors(invoke: Invoke, tmp_path: Path, arguments) -> None:
    """Bytes that are not UTF-8 on the command line, paths that cannot be written."""
    _clean_failure(invoke(*arguments))


def test_export_under_a_file_says_so(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("", "utf-8")
    target = str(tmp_path / "fichier" / "annexe.docx")
    _clean_failure(invoke("export", "réseau", "-o", target), "un fichier porte déjà le nom")


def test_an_edit_in_place_of_the_same_size_is_seen(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shortcut that spares re-reading a large file trusts inode, mtime and size: an
    editor writing in place, same length, still changes the mtime, and is seen."""
    folder = group(concepts="- id: a\n  terme: A\n")
    path = folder / "concepts.yaml"
    edited = b"- id: a\n  terme: B\n"
    real_refuse = atomic._refuse_if_changed

    def editor_writes_in_place(shown: Path, target: Path, original: bytes, state) -> None:
        with target.open("r+b") as handle:
            handle.write(edited)
        real_refuse(shown, target, original, state)

    monkeypatch.setattr(atomic, "_refuse_if_changed", editor_writes_in_place)
    _clean_failure(invoke("--data", str(folder), *ADD), "a été modifié pendant")
    assert path.read_bytes() == edited


def test_a_folder_that_cannot_be_synced_does_not_undo_a_write(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some mounts refuse to sync a folder (EINVAL): the rename is done, so it is a success."""
    folder = group(concepts="- id: a\n  terme: A\n")

    def no_folder_sync(folder_path: Path) -> None:
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(atomic, "_fsync_folder", no_folder_sync)
    assert invoke("--data", str(folder), *ADD).exit_code == 0
    assert b'- id: "b"' in (folder / "concepts.yaml").read_bytes()


@pytest.mark.parametrize("name", ["mes-definitions.yaml", "concepts.yaml"])
def test_a_link_into_a_missing_folder_creates_nothing(
    invoke: Invoke, isolated_home: Path, tmp_path: Path, name: str
) -> None:
    gone = tmp_path / "Nextcloud" / "glossaire" / name  # a synced folder not mounted
    isolated_home.mkdir(parents=True)
    (isolated_home / name).symlink_to(gone)
    command = ("define", "réseau", "Pour moi.") if "definitions" in name else ADD
    result = invoke(*command)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "Nextcloud").exists()
    checked = invoke("check")
    assert checked.exit_code == 1 and name in checked.stdout


def test_an_edit_within_the_same_clock_tick_is_seen(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On FAT or SMB an edit can keep the mtime: a file read within 2 s of its mtime is
    compared byte for byte, never trusted on its inode, mtime and size."""
    folder = group(concepts="- id: a\n  terme: AAAA\n")
    path = folder / "concepts.yaml"
    real_refuse = atomic._refuse_if_changed

    def same_tick_edit(shown: Path, target: Path, original: bytes, state) -> None:
        info = target.stat()
        with target.open("r+b") as handle:
            handle.write(b"- id: a\n  terme: BBBB\n")
        os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))  # a coarse clock
        real_refuse(shown, target, original, state)

    monkeypatch.setattr(atomic, "_refuse_if_changed", same_tick_edit)
    _clean_failure(invoke("--data", str(folder), *ADD), "a été modifié pendant")
    assert b"BBBB" in path.read_bytes()


def test_an_alias_with_dashes_reads_the_same_with_and_without_the_index(
    invoke: Invoke, group
) -> None:
    folder = group(
        references="@book{d2000, ids = {dupont--martin2000}, author = {D, J},"
        " title = {T}, publisher = {P}, year = {2000}}\n"
    )
    assert invoke("--data", str(folder), "cite", "dupont–martin2000").exit_code == 0


def test_a_data_folder_whose_name_is_not_utf8(invoke: Invoke, tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/groupe_\xe9t\xe9"
    os.mkdir(raw)
    with open(raw + b"/concepts.yaml", "wb") as handle:
        handle.write(b"- id: a\n  terme: A\n")
    result = invoke("--data", os.fsdecode(raw), "show", "a")
    assert result.exit_code == 0, result.stderr


def _count_under_lock(folder: str, rounds: int) -> None:
    """A read-modify-write that loses updates unless the lock really excludes."""
    import time as _time

    from glossaire.writing.lock import folder_lock

    counter = Path(folder) / "compteur"
    for _ in range(rounds):
        with folder_lock(Path(folder), timeout=60):
            value = int(counter.read_text() or "0")
            _time.sleep(0.001)
            counter.write_text(str(value + 1))


def test_removing_the_lock_file_on_release_never_lets_two_writers_in(tmp_path: Path) -> None:
    """The lock file is removed as each writer releases it; a waiter that obtained the lock on
    the removed file must notice and take the new one, or two writers would overlap."""
    import multiprocessing

    (tmp_path / "compteur").write_text("0")
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_count_under_lock, args=(str(tmp_path), 60)) for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [worker.exitcode for worker in workers] == [0] * 4
    assert (tmp_path / "compteur").read_text() == "240"
    assert not (tmp_path / ".glossaire.lock").exists()


@pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS])
def test_a_read_only_group_folder_gets_a_french_message(
    invoke: Invoke, group, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """A member who may only read the group folder (or a read-only disk) is told so, with the
    folder and what to do: exit 1, never « problème interne », nothing changed."""
    from glossaire.writing import lock

    folder = group(concepts="- id: a\n  terme: A\n")
    before = (folder / "concepts.yaml").read_bytes()

    def refused(path: Path) -> int:
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(lock, "_open_shared", refused)
    result = invoke("--data", str(folder), *ADD)
    assert result.exit_code == 1, result.stderr
    assert "lecture seule" in result.stderr and str(folder) in result.stderr
    assert "interne" not in result.stderr and "Permission denied" not in result.stderr
    assert "Read-only" not in result.stderr
    assert (folder / "concepts.yaml").read_bytes() == before
