"""``python -m kg``: the ``kg`` command, for when the console script is not on PATH."""
from kg.cli import app

if __name__ == "__main__":
    app(prog_name="kg")
