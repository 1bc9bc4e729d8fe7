#!/usr/bin/env python3
"""Start Telecobrança on a fresh machine with nothing but Python 3.11+.

    python3 dev.py serve    # .venv + requirements, migrate, demo data, builds, http://127.0.0.1:8000
    python3 dev.py test     # .venv + requirements, then pytest (extra arguments go to pytest)
    python3 dev.py setup    # only the virtual environment and the requirements

Standard library only, so it runs before anything is installed. The
virtual environment is `.venv` beside this file, or the folder named by
TELECOBRANCA_VENV (CI uses a fresh one). Requirements are installed again
only when requirements.txt changed since the last install.

With nothing configured the project uses SQLite and runs Celery tasks
in-process; DATABASE_URL and CELERY_BROKER_URL switch to PostgreSQL and
Redis for `serve` and `test` alike.
"""

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REQUIREMENTS = ROOT / "requirements.txt"
MINIMUM_PYTHON = (3, 11)
STAMP_NAME = ".telecobranca-requirements.sha256"


def venv_dir() -> Path:
    return Path(os.environ.get("TELECOBRANCA_VENV") or ROOT / ".venv").resolve()


def venv_python() -> Path:
    folder = venv_dir()
    if os.name == "nt":
        return folder / "Scripts" / "python.exe"
    return folder / "bin" / "python"


def run(command: list, **kwargs) -> None:
    """Run a command in the project folder; stop dev.py when it fails."""
    completed = subprocess.run(
        [str(part) for part in command], cwd=ROOT, check=False, **kwargs
    )
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def venv_ensure() -> Path:
    """Create the virtual environment if missing and install requirements.txt
    when it changed since the last install; return its Python."""
    if sys.version_info < MINIMUM_PYTHON:
        sys.exit(
            f"Telecobrança precisa do Python {'.'.join(map(str, MINIMUM_PYTHON))} ou mais novo."
        )
    folder, python = venv_dir(), venv_python()
    if not python.exists():
        print(f"Criando o ambiente virtual em {folder} ...", flush=True)
        created = subprocess.run(
            [sys.executable, "-m", "venv", str(folder)], check=False
        )
        if created.returncode != 0 or not python.exists():
            sys.exit(
                "Não foi possível criar o ambiente virtual. No Debian/Ubuntu instale o pacote python3-venv "
                "(apt-get install python3-venv) e rode de novo."
            )
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    stamp = folder / STAMP_NAME
    if not stamp.exists() or stamp.read_text().strip() != digest:
        print("Instalando requirements.txt ...", flush=True)
        run(
            [
                python,
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "-q",
                "-r",
                REQUIREMENTS,
            ]
        )
        stamp.write_text(digest)
    return python


def manage(python: Path, *arguments: str) -> None:
    run([python, ROOT / "manage.py", *arguments])


def serve(arguments: argparse.Namespace) -> int:
    python = venv_ensure()
    manage(python, "migrate", "--noinput")
    manage(python, "seed_demo")
    manage(python, "select_titles")
    manage(python, "build_collections")
    address = f"127.0.0.1:{arguments.port}"
    print(
        f"\nAbra http://{address}/admin/ com o acesso do supervisor impresso acima.\n"
    )
    try:
        return subprocess.call(
            [str(python), str(ROOT / "manage.py"), "runserver", address], cwd=ROOT
        )
    except KeyboardInterrupt:
        return 0


def test(arguments: argparse.Namespace) -> int:
    python = venv_ensure()
    try:
        return subprocess.call(
            [str(python), "-m", "pytest", *arguments.pytest_args], cwd=ROOT
        )
    except KeyboardInterrupt:
        return 130


def setup(arguments: argparse.Namespace) -> int:
    venv_ensure()
    print(f"Ambiente pronto: {venv_python()}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser(
        "serve", help="prepara tudo, cria os dados de demonstração e sobe o servidor"
    )
    serve_parser.add_argument(
        "--port", type=int, default=8000, help="porta em 127.0.0.1 (padrão 8000)"
    )
    serve_parser.set_defaults(handler=serve)
    commands.add_parser(
        "test",
        help="roda os testes (argumentos extras, -h inclusive, vão para o pytest)",
        add_help=False,
    ).set_defaults(handler=test)
    commands.add_parser(
        "setup", help="só cria o ambiente virtual e instala as dependências"
    ).set_defaults(handler=setup)
    # Everything after "test" that dev.py does not know goes to pytest.
    arguments, extra = parser.parse_known_args()
    if extra and arguments.command != "test":
        parser.error(f"argumentos desconhecidos: {' '.join(extra)}")
    arguments.pytest_args = extra
    return arguments.handler(arguments)


if __name__ == "__main__":
    sys.exit(main())
