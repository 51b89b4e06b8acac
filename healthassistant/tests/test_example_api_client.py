"""The README's example script, run as a user would, against daphne and the tiny model."""

import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def test_the_example_client_logs_in_uploads_asks_and_streams(daphne_server, tmp_path):
    daphne_server.manage(
        "shell",
        "-c",
        "from accounts.models import User; from allauth.account.models import EmailAddress;"
        " u = User.objects.create_user('script@example.com', 'a-long-pass');"
        " EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True)",
    )
    picture = tmp_path / "rash.png"
    Image.new("RGB", (120, 90), (190, 60, 60)).save(picture)

    result = subprocess.run(
        [
            sys.executable,
            "examples/api_client.py",
            str(picture),
            "What is this rash?",
            "--base-url",
            daphne_server.base,
            "--email",
            "script@example.com",
        ],
        cwd=ROOT,
        env={"HEALTH_API_PASSWORD": "a-long-pass", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr + daphne_server.log_tail()
    assert "[done:" in result.stderr
    saved = daphne_server.manage(
        "shell",
        "--verbosity=0",
        "-c",
        "import sys; from chat.models import Message; "
        "sys.stdout.write(Message.objects.filter(session__owner__email='script@example.com', role='assistant')"
        ".get().content)",
    )
    # Exactly the saved answer, streamed: nothing lost or doubled on the way.
    assert result.stdout.removesuffix("\n") == saved
    assert saved
