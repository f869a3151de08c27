"""The app's own "is this hook async?" check (app/__init__.py) answers as Flask's does."""

import functools

import pytest


def plain():
    return "ok"


async def coroutine():
    return "ok"


class View:
    def get(self):
        return "ok"

    async def post(self):
        return "ok"


def test_plain_functions_and_methods_are_used_as_they_are(app):
    assert app.ensure_sync(plain) is plain
    method = View().get
    assert app.ensure_sync(method) is method
    partial = functools.partial(plain)
    assert app.ensure_sync(partial) is partial  # Flask's own check decides


@pytest.mark.parametrize("func", [coroutine, View().post, functools.partial(coroutine)])
def test_async_functions_still_go_to_flask(app, func):
    try:
        wrapped = app.ensure_sync(func)
    except RuntimeError as error:  # Flask without its "async" extra says so
        assert "async" in str(error)
    else:
        assert wrapped is not func
