"""The JupyterHub tier's harness: a real hub on loopback, set up from docs/deploy.md.

The hub runs as Zero to JupyterHub would run it, with the parts a laptop can stand in for:
configurable-http-proxy from npm (``node_modules``), ``DummyAuthenticator`` with a password,
``SimpleLocalProcessSpawner`` with a home folder per user under a temporary folder, and
``jupyterhub-singleuser`` with Voila's server extension as each user's server. What the
deployment guide fixes is read from it, not copied: the image's install steps (the
``recipe:hub-image`` block, run with the image's folders mapped to temporary ones), the
default URL, where the store lives in the home, the served folder and the idle culler's
values (the ``recipe:hub-values`` block). The browser side (Chromium flags, page watcher) is
the e2e tier's own, loaded from ``tests/e2e/conftest.py``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import psutil
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "docs" / "deploy.md"
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
SINGLEUSER = Path(sys.executable).with_name("jupyterhub-singleuser")
PASSWORD = "hub-tier-secret"
TODAY = "2026-11-22"


def quiet_port() -> int:
    """A free loopback port below the ephemeral range (32768 and up on Linux), where kernels'
    ZeroMQ sockets and other programs' port-0 binds never land: a user's server gets its port
    some seconds before it binds it, and on a busy machine a kernel took one in between."""
    for _ in range(200):
        port = random.randint(20000, 32000)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port between 20000 and 32000")


def e2e_harness():
    """``tests/e2e/conftest.py`` as a module of its own name: a conftest cannot be imported by
    name from another folder, and the two browser tiers must watch pages the same way."""
    name = "e2e_harness"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "e2e" / "conftest.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def missing_tools() -> list[str]:
    """What this tier needs and cannot find, each with the command that installs it."""
    missing = []
    for module, package in (
        ("jupyterhub", "jupyterhub"),
        ("jupyterhub_idle_culler", "jupyterhub-idle-culler"),
    ):
        if importlib.util.find_spec(module) is None:
            missing.append(f"{package} (Python): {sys.executable} -m pip install -e '.[test]'")
    if not SINGLEUSER.exists():
        missing.append(
            f"{SINGLEUSER} (from jupyterhub): {sys.executable} -m pip install -e '.[test]'"
        )
    if not PROXY.exists():
        missing.append(f"{PROXY} (npm configurable-http-proxy): npm ci (in {ROOT})")
    if shutil.which("node") is None:
        missing.append("node (configurable-http-proxy runs on it): Debian: apt-get install nodejs")
    return missing


# ---- what docs/deploy.md says -----------------------------------------------------------------
def recipe(name: str, text: str | None = None) -> str:
    """The fenced block between ``<!-- recipe:NAME ... -->`` and ``<!-- /recipe:NAME -->``."""
    text = DEPLOY.read_text("utf-8") if text is None else text
    match = re.search(
        rf"<!-- recipe:{name}\b.*?-->\n```\w*\n(.*?)```\n<!-- /recipe:{name} -->", text, re.S
    )
    assert match, f"docs/deploy.md has no recipe:{name} block"
    return match.group(1)


@dataclass(frozen=True)
class ImageSteps:
    """The Dockerfile's steps: where the workbook goes and the shell commands that install it."""

    workbook: PurePosixPath  # COPY . <workbook>
    commands: tuple[tuple[str, ...], ...]  # each command of the RUN line, split into words


def image_steps(dockerfile: str) -> ImageSteps:
    workbook, run = None, ""
    lines = dockerfile.replace("\\\n", " ").splitlines()
    for line in lines:
        word, _, rest = line.strip().partition(" ")
        if word == "COPY":
            source, target = rest.split()
            assert source == ".", f"the image copies {source}, not the repository"
            workbook = PurePosixPath(target)
        elif word == "RUN":
            run += rest
    assert workbook is not None, "the Dockerfile copies no workbook"
    commands = tuple(tuple(shlex.split(part)) for part in run.split("&&") if part.strip())
    return ImageSteps(workbook, commands)


@dataclass(frozen=True)
class HubValues:
    """The Helm chart values the test applies to its own hub."""

    default_url: str
    home: PurePosixPath  # singleuser.storage.homeMountPath
    extra_env: dict  # singleuser.extraEnv
    served: PurePosixPath  # hub.config.KubeSpawner.notebook_dir
    cull: dict

    @property
    def store_in_home(self) -> PurePosixPath:
        """Where the store lives, relative to the user's home."""
        return PurePosixPath(self.extra_env["ONEONONE_HOME"]).relative_to(self.home)

    def culler_command(self) -> list[str]:
        """The idle culler's command line, as the Zero to JupyterHub chart makes it from ``cull``."""
        command = [sys.executable, "-m", "jupyterhub_idle_culler"]
        command.append(f"--timeout={self.cull['timeout']}")
        command.append(f"--cull-every={self.cull['every']}")
        if self.cull.get("maxAge"):  # the chart leaves 0 out: no age limit
            command.append(f"--max-age={self.cull['maxAge']}")
        return command


def hub_values(config_yaml: str) -> HubValues:
    values = yaml.safe_load(config_yaml)
    single = values["singleuser"]
    assert values["cull"]["enabled"] is True, "docs/deploy.md switches culling off"
    return HubValues(
        default_url=single["defaultUrl"],
        home=PurePosixPath(single["storage"]["homeMountPath"]),
        extra_env={name: str(value) for name, value in single["extraEnv"].items()},
        served=PurePosixPath(values["hub"]["config"]["KubeSpawner"]["notebook_dir"]),
        cull=values["cull"],
    )


# ---- the hub ------------------------------------------------------------------------------------
CONFIG = """\
# Written by tests/hub/hub_harness.py for one test run.
import os
import sys

sys.path.insert(0, {here!r})
from hub_harness import quiet_port
c.JupyterHub.bind_url = {bind_url!r}
c.JupyterHub.hub_bind_url = {hub_bind_url!r}
c.JupyterHub.db_url = {db_url!r}
c.JupyterHub.cookie_secret_file = {cookie_secret_file!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.api_url = {proxy_api_url!r}
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = set({users!r})
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {home_dir_template!r}
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.pre_spawn_hook = lambda spawner: setattr(spawner, "port", quiet_port())
c.Spawner.args = {singleuser_args!r}
c.Spawner.notebook_dir = {notebook_dir!r}
c.Spawner.default_url = {default_url!r}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 60
# singleuser.extraEnv, with the image's folders mapped: a folder in the home becomes the same
# folder in this user's home.
c.Spawner.environment = {environment!r}
for name, relative in {in_home!r}.items():
    c.Spawner.environment[name] = lambda spawner, relative=relative: os.path.join(
        spawner.home_dir, relative
    )
c.JupyterHub.services = [{{"name": "idle-culler", "command": {culler!r}}}]
c.JupyterHub.load_roles = [
    {{
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }}
]
"""


class Hub:
    """JupyterHub, its proxy and (once users log in) their servers, all on 127.0.0.1."""

    def __init__(self, workdir: Path, users: tuple[str, ...], values: HubValues, image: ImageSteps):
        self.workdir = workdir
        self.users = users
        self.values = values
        self.homes = workdir / "homes"
        self.homes.mkdir()
        self.port = quiet_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.etc_jupyter = workdir / "etc-jupyter"  # the image's /etc/jupyter
        self.run_image_steps(image)
        config = workdir / "jupyterhub_config.py"
        config.write_text(
            CONFIG.format(
                here=str(Path(__file__).parent),
                bind_url=self.url,
                hub_bind_url=f"http://127.0.0.1:{quiet_port()}",
                proxy_api_url=f"http://127.0.0.1:{quiet_port()}",
                db_url=f"sqlite:///{workdir / 'jupyterhub.sqlite'}",
                cookie_secret_file=str(workdir / "jupyterhub_cookie_secret"),
                proxy=str(PROXY),
                password=PASSWORD,
                users=sorted(users),
                home_dir_template=str(self.homes / "{username}"),
                singleuser=str(SINGLEUSER),
                # CI runs as root; the image's user (NB_UID) is not.
                singleuser_args=["--allow-root"] if os.geteuid() == 0 else [],
                notebook_dir=str(self.local(image, values.served)),
                default_url=values.default_url,
                **self.environment(image),
                culler=values.culler_command(),
            )
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ONEONONE_", "JUPYTER"))}
        self.log = open(workdir / "jupyterhub.log", "w+")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=workdir,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.processes: dict[int, psutil.Process] = {}
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()
            raise

    def environment(self, image: ImageSteps) -> dict[str, dict[str, str]]:
        """The users' environment: ``extraEnv`` with paths mapped, and the test's fixed day."""
        environment, in_home = {"ONEONONE_TODAY": TODAY}, {}
        for name, value in self.values.extra_env.items():
            parts = [PurePosixPath(part) for part in value.split(":")]
            if all(part.is_absolute() for part in parts):
                if len(parts) == 1 and self.values.home in parts[0].parents:
                    in_home[name] = str(parts[0].relative_to(self.values.home))
                    continue
                value = os.pathsep.join(str(self.local(image, part)) for part in parts)
            environment[name] = value
        # The image's /etc/jupyter is on Jupyter's own search path; the test's stand-in is not.
        paths = [environment.get("JUPYTER_CONFIG_PATH"), str(self.etc_jupyter)]
        environment["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, paths))
        return {"environment": environment, "in_home": in_home}

    def local(self, image: ImageSteps, path: PurePosixPath) -> Path:
        """The test's folder for a path of the image: the workbook is this repository."""
        if path == image.workbook or image.workbook in path.parents:
            return ROOT / path.relative_to(image.workbook)
        if path == PurePosixPath("/etc/jupyter") or PurePosixPath("/etc/jupyter") in path.parents:
            return self.etc_jupyter / path.relative_to("/etc/jupyter")
        raise AssertionError(f"the test has no stand-in for the image's {path}")

    def run_image_steps(self, image: ImageSteps) -> None:
        """The Dockerfile's RUN line: pip's step is checked (this venv has the package installed
        from the repository already), file copies run with the image's folders mapped."""
        self.etc_jupyter.mkdir()
        for command in image.commands:
            if command[:2] == ("pip", "install"):
                target = self.local(image, PurePosixPath(command[-1]))
                assert "-e" in command and target == ROOT, command
                import oneonone_kit

                assert Path(oneonone_kit.__file__).resolve().is_relative_to(ROOT), (
                    "oneonone_kit is not installed from this repository: pip install -e ."
                )
            elif command[0] == "cp":
                source, target = (self.local(image, PurePosixPath(arg)) for arg in command[1:])
                shutil.copyfile(source, target)
            else:
                raise AssertionError(f"the test does not know the image step {command}")

    def _wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited early:\n{self.output()}")
            try:
                with urllib.request.urlopen(self.url + "/hub/api/", timeout=2) as response:
                    if response.status == 200 and "version" in json.load(response):
                        return
            except (OSError, ValueError):
                time.sleep(0.3)
        raise RuntimeError(f"JupyterHub did not answer within {timeout} s:\n{self.output()}")

    def output(self) -> str:
        """Everything the hub, the proxy, the culler and the users' servers wrote so far."""
        return (self.workdir / "jupyterhub.log").read_text(errors="replace")

    def user_url(self, user: str, path: str) -> str:
        return f"{self.url}/user/{user}/{path.lstrip('/')}"

    def store_file(self, user: str) -> Path:
        return self.homes / user / self.values.store_in_home / "oneonone.sqlite3"

    def note_processes(self) -> None:
        """Remember the hub's process tree now (proxy, culler, user servers, kernels), so that
        :meth:`stop` can tell whether any of them outlived the hub."""
        for child in psutil.Process(self.proc.pid).children(recursive=True):
            self.processes.setdefault(child.pid, child)

    def running(self) -> list[list[str]]:
        """The command lines of the hub's process tree that is running now."""
        lines = []
        for child in psutil.Process(self.proc.pid).children(recursive=True):
            try:
                lines.append(child.cmdline())
            except psutil.NoSuchProcess:
                pass
        return lines

    def stop(self) -> list[str]:
        """Stop the hub (it stops the proxy and the users' servers) and return what is still
        running of its process tree afterwards, after killing it."""
        if self.proc.poll() is None:
            self.note_processes()
        self.proc.terminate()
        try:
            # Each user's server gets SIGINT, then SIGTERM 10 s later, then SIGKILL 5 s after
            # that (the spawner's defaults): a hub on a busy machine needs a while.
            self.proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        deadline = time.monotonic() + 15
        left = [p for p in self.processes.values() if p.is_running()]
        while left and time.monotonic() < deadline:
            time.sleep(0.3)
            left = [p for p in left if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        leftovers = []
        for process in left:
            try:
                leftovers.append(f"{process.pid}: {' '.join(process.cmdline())}")
                process.kill()
            except psutil.NoSuchProcess:
                pass
        self.log.close()
        return leftovers
