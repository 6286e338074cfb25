"""The installed package ships its typing: py.typed and a stub naming every export."""

from __future__ import annotations

import ast
import inspect
import pathlib

import onlyoffice_jwt
from onlyoffice_jwt import _native

PACKAGE = pathlib.Path(onlyoffice_jwt.__file__).parent


def _stub_names() -> dict[str, ast.AST]:
    tree = ast.parse((PACKAGE / "_native.pyi").read_text())
    names = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
    return names


def test_py_typed_marker_is_installed():
    assert (PACKAGE / "py.typed").is_file()


def test_stub_covers_every_native_export_with_matching_parameters():
    stub = _stub_names()
    public = [name for name in dir(_native) if not name.startswith("_")]
    assert sorted(public) == sorted(_native.__all__)
    for name in public:
        assert name in stub, f"{name} missing from _native.pyi"
        runtime = getattr(_native, name)
        if callable(runtime) and not isinstance(runtime, type):
            node = stub[name]
            assert isinstance(node, ast.FunctionDef)
            stub_params = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs]
            runtime_params = list(inspect.signature(runtime).parameters)
            assert stub_params == runtime_params, name


def test_every_public_item_has_a_docstring():
    import onlyoffice_jwt.compat as compat
    import onlyoffice_jwt.django as django_helpers

    for module in (onlyoffice_jwt, compat, django_helpers):
        assert module.__doc__
        for name in module.__all__:
            assert getattr(module, name).__doc__, f"{module.__name__}.{name}"
