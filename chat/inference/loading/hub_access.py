"""Plain explanations for the ways the Hugging Face Hub refuses the model's weights.

MedGemma is gated: its weights come only with an accepted licence and a token. The
loader (for the status page) and `manage.py download_model` say the same thing.
"""

from huggingface_hub import constants, model_info, try_to_load_from_cache
from huggingface_hub.errors import (
    GatedRepoError,
    HfHubHTTPError,
    LocalEntryNotFoundError,
    OfflineModeIsEnabled,
    RepositoryNotFoundError,
)

TINY_MODEL_HINT = "or try the app on the tiny test model with `make run HEALTH_MODEL=tiny`"


def access_advice(repo_id: str) -> str:
    return (
        f"Accept the model's licence at https://huggingface.co/{repo_id} while logged in, "
        f"create an access token at https://huggingface.co/settings/tokens and set HF_TOKEN to it"
    )


def explain_hub_error(exc: BaseException, *, repo_id: str, token_given: bool) -> str | None:
    """A sentence saying why the weights can't be had and what to do, or None if exc is not about access."""
    for cause in _chain(exc):
        if isinstance(cause, GatedRepoError) or (
            not isinstance(cause, RepositoryNotFoundError) and _http_status(cause) in (401, 403)
        ):
            return gated_advice(repo_id, token_given=token_given)
        if isinstance(cause, RepositoryNotFoundError):
            problem = "this HF_TOKEN can't see it" if token_given else "it needs an HF_TOKEN (none is set)"
            return f"Can't download {repo_id}: {problem}. {access_advice(repo_id)}; {TINY_MODEL_HINT}."
        if isinstance(cause, (LocalEntryNotFoundError, OfflineModeIsEnabled, ConnectionError)):
            return unreachable_advice(repo_id)
    return None


def gated_advice(repo_id: str, *, token_given: bool) -> str:
    problem = "this HF_TOKEN has no access to it" if token_given else "no HF_TOKEN is set"
    return f"Can't download {repo_id}: it is gated and {problem}. {access_advice(repo_id)}; {TINY_MODEL_HINT}."


def unreachable_advice(repo_id: str) -> str:
    return (
        f"{repo_id} is not in the local cache and huggingface.co can't be reached. Run "
        f"`manage.py download_model` where there is network access (it needs HF_TOKEN: "
        f"{access_advice(repo_id)}), {TINY_MODEL_HINT}."
    )


def hub_access_problem(repo_id: str, *, token: str | None) -> str | None:
    """Why the weights can't be had, asked once before loading; None when they can (or are cached).

    Without this, a gated model with no token or an unreachable hub is found out only after minutes of
    download retries, while the page says "loading".
    """
    if isinstance(try_to_load_from_cache(repo_id, "config.json"), str):
        return None
    if constants.HF_HUB_OFFLINE:
        return unreachable_advice(repo_id)
    try:
        info = model_info(repo_id, token=token, timeout=10)
    except Exception as exc:
        return explain_hub_error(exc, repo_id=repo_id, token_given=token is not None) or unreachable_advice(repo_id)
    if info.gated and not token:
        return gated_advice(repo_id, token_given=False)
    return None


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _http_status(exc: BaseException) -> int | None:
    if not isinstance(exc, HfHubHTTPError) or exc.response is None:
        return None
    return exc.response.status_code
