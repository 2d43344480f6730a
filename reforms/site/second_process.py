"""A second process, forked: it shares all this one has loaded (the catalogue, MkDocs' files), and
works while this one goes on, on the machine's second core: it makes the search data and the
downloads, and takes its share of the pages (``build_site``) and of MkDocs' (``mkdocs_in_two``)."""

from __future__ import annotations

import gc
import multiprocessing
import signal
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

from reforms.site.output import BuildError


class FilesInBackground:
    """Files made in a second process, forked (it shares all that is loaded: the catalogue), while
    this one goes on. The files come in batches, one for
    each of ``makers``, in order, each as soon as it is made (a maker may give something else than
    files, such as what it wrote itself). ``what`` names them in an error."""

    def __init__(self, makers: Sequence[Callable[[], Any]], what: str) -> None:
        self.what, self.waiting = what, len(makers)
        self.stopping = threading.Lock()
        self.reader, writer = multiprocessing.Pipe(duplex=False)
        self.process = multiprocessing.get_context("fork").Process(target=send_files, args=(writer, makers), daemon=True)
        self.process.start()
        writer.close()

    def files(self) -> Any:
        """The next batch; the process is stopped after the last, or on a failure."""
        try:
            made, files = self.reader.recv()
        except EOFError:
            made, files = False, "生成它们的进程意外退出"
        self.waiting -= 1
        if not made or not self.waiting:
            self.stop()
        if not made:
            raise BuildError(f"{self.what}未能生成：{files}")
        return files

    def ready(self) -> bool:
        """Whether the next batch (or a failure) is there to take, without waiting."""
        return self.waiting > 0 and not self.reader.closed and self.reader.poll()

    def stop(self) -> None:
        with self.stopping:  # by the thread that waits for a batch (the preview's) as well
            if self.process.is_alive():
                self.process.terminate()
            self.process.join()
            self.reader.close()


def send_files(writer: Connection, makers: Sequence[Callable[[], Any]]) -> None:
    gc.freeze()  # what the process was forked with lives until it ends: its collections walk only what it makes
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # an interrupted build stops this process itself (``stop``),
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # with SIGTERM, not through the build's KeyboardInterrupt
    try:
        for make in makers:
            writer.send((True, make()))
    except BuildError as error:  # says itself what is wrong, for the editor
        writer.send((False, str(error)))
    except Exception:
        writer.send((False, traceback.format_exc()))
    finally:
        writer.close()
