"""Ansible playbook + inventory, checked with the real ansible-core and community.vmware.

* ``ansible-playbook --syntax-check`` on the generated files, in a temporary directory.
* Every module option a task uses, and every value the inventory feeds it, is checked against
  the module documentation that ``ansible-doc -j`` prints (names, aliases, types, choices,
  sub-options), parsed once per test session.
* ``ansible-inventory --list`` shows that hostile port group names arrive as literal text.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.render import ansible
from app.render.base import Artifact
from tests.render.scripts_support import (
    EVIL_MGMT_PG,
    EVIL_NAME,
    EVIL_VM_PG,
    GOLDEN_EXAMPLES,
    addresses_in,
    by_name,
    check_golden,
    context,
    evil_context,
    plan_addresses,
)

VENV_BIN = Path(__file__).resolve().parents[2] / ".venv" / "bin"
MODULES = (
    "vmware_vswitch",
    "vmware_portgroup",
    "vmware_vmkernel",
    "vmware_host_config_manager",
    "vmware_host_tcpip_stacks",
)
ITEM = re.compile(r"^\{\{ item\.(\w+)(?P<omit> \| default\(omit\))? \}\}$")
HOSTVAR = re.compile(r"^\{\{ (\w+)(?:\.(\w+))? \}\}$")


class _Loader(yaml.SafeLoader):
    """Reads the inventory like Ansible does for our purposes: !unsafe is a plain string."""


_Loader.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def ansible_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment that keeps Ansible's files inside a temporary directory."""
    home = tmp_path_factory.mktemp("ansible-home")
    return {
        **os.environ,
        "ANSIBLE_HOME": str(home),
        "ANSIBLE_LOCAL_TEMP": str(home / "tmp"),
        "ANSIBLE_REMOTE_TEMP": str(home / "remote-tmp"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
    }


@pytest.fixture(scope="session")
def module_docs(ansible_env: dict[str, str]) -> dict[str, dict[str, Any]]:
    """``ansible-doc -j`` of every module the playbook may use, by full module name."""
    names = [f"community.vmware.{m}" for m in MODULES]
    result = subprocess.run(
        [str(VENV_BIN / "ansible-doc"), "-j", *names],
        env=ansible_env,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout)
    return {name: data[name]["doc"] for name in names}


def write(artifacts: list[Artifact], folder: Path) -> Path:
    for artifact in artifacts:
        path = folder / artifact.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(artifact.data)
    return folder / "ansible"


def load(artifacts: list[Artifact]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    files = by_name(artifacts)
    playbook = yaml.load(files["ansible/playbook.yml"], Loader=_Loader)
    inventory = yaml.load(files["ansible/inventory.yml"], Loader=_Loader)
    return playbook, inventory


def hosts_of(inventory: dict[str, Any]) -> dict[str, dict[str, Any]]:
    hosts: dict[str, dict[str, Any]] = inventory["all"]["children"]["esxi_hosts"]["hosts"]
    return hosts


# --- validation against ansible-doc -----------------------------------------------------------


def _option(options: dict[str, Any], key: str) -> dict[str, Any]:
    for name, spec in options.items():
        if key == name or key in (spec.get("aliases") or []):
            return dict(spec)
    raise AssertionError(f"unknown option {key!r}; known: {sorted(options)}")


def check_value(spec: dict[str, Any], value: Any, where: str) -> None:
    """``value`` fits the option ``spec``: type, choices, list elements, sub-options."""
    kind = spec.get("type", "str")
    expected: type = {"str": str, "int": int, "bool": bool, "list": list, "dict": dict}[kind]
    assert isinstance(value, expected), f"{where}: {value!r} is not {kind}"
    data: Any = value
    if kind == "int":
        assert not isinstance(value, bool), f"{where}: bool where int expected"
    if spec.get("choices"):
        assert value in spec["choices"], f"{where}: {value!r} not in {spec['choices']}"
    if kind == "list" and spec.get("elements") == "str":
        assert all(isinstance(v, str) for v in data), where
    if kind == "dict" and spec.get("suboptions"):
        for key, sub in data.items():
            check_value(_option(spec["suboptions"], key), sub, f"{where}.{key}")


def check_task(task: dict[str, Any], docs: dict[str, dict[str, Any]], hosts: dict[str, Any]) -> int:
    """Check one community.vmware task; returns how many inventory values it verified."""
    (module,) = [key for key in task if key.startswith("community.vmware.")]
    options = docs[module]["options"]
    args = task[module]
    for key in args:
        _option(options, key)
    for name, spec in options.items():
        if spec.get("required") and name not in ("esxi_hostname",):
            assert name in args or any(a in args for a in spec.get("aliases") or []), name
    checked = 0
    for host, host_vars in hosts.items():
        items = _items(task, host_vars)
        for key, template in args.items():
            checked += _check_templated(_option(options, key), template, items, host_vars, host)
    return checked


def _items(task: dict[str, Any], host_vars: dict[str, Any]) -> list[dict[str, Any]]:
    if "loop" not in task:
        return []
    match = HOSTVAR.match(task["loop"])
    assert match, task["loop"]
    items: list[dict[str, Any]] = host_vars[match.group(1)]
    return items


def _check_templated(
    spec: dict[str, Any], template: Any, items: list[dict[str, Any]], host_vars: Any, host: str
) -> int:
    if not isinstance(template, str):
        return 0
    item = ITEM.match(template)
    if item:
        key = item.group(1)
        for value in items:
            if key in value:
                check_value(spec, value[key], f"{host}.{key}")
            else:
                assert item.group("omit"), f"{host}: item has no {key!r}"
        return len(items)
    var = HOSTVAR.match(template)
    if var and var.group(1) in host_vars and var.group(1) != "esxi_hostname":
        value = host_vars[var.group(1)]
        if var.group(2):
            if var.group(2) not in value:
                return 0
            value = value[var.group(2)]
        check_value(spec, value, f"{host}.{template}")
        return 1
    return 0


# --- tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", GOLDEN_EXAMPLES)
def test_golden(stem: str) -> None:
    check_golden("ansible", stem, ansible.render(context(stem), None))


@pytest.mark.parametrize("stem", ["e1", "e4", "e5", "e6", "e7"])
def test_syntax_check_with_the_real_ansible(
    stem: str, tmp_path: Path, ansible_env: dict[str, str]
) -> None:
    folder = write(ansible.render(context(stem), None), tmp_path)
    result = subprocess.run(
        [
            str(VENV_BIN / "ansible-playbook"),
            "--syntax-check",
            "-i",
            "inventory.yml",
            "playbook.yml",
        ],
        cwd=folder,
        env=ansible_env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("stem", ["e1", "e4", "e5", "e6", "e7"])
def test_every_option_and_value_matches_the_module_documentation(
    stem: str, module_docs: dict[str, dict[str, Any]]
) -> None:
    playbook, inventory = load(ansible.render(context(stem), None))
    (play,) = playbook
    group = play["module_defaults"]["group/community.vmware.vmware"]
    for doc in module_docs.values():
        for key in group:
            _option(doc["options"], key)
    hosts = hosts_of(inventory)
    tasks = [t for t in play["tasks"] if any(k.startswith("community.vmware.") for k in t)]
    assert {next(k for k in t if k.startswith("community.")) for t in tasks} == {
        f"community.vmware.{m}" for m in MODULES
    }
    checked = sum(check_task(task, module_docs, hosts) for task in tasks)
    assert checked > 0
    # The review-only data uses the same option names, so it is valid module input as well.
    for host_vars in hosts.values():
        review = host_vars["not_applied_review"]
        for item in review["portgroups"]:
            for key, value in item.items():
                options = module_docs["community.vmware.vmware_portgroup"]["options"]
                check_value(_option(options, key), value, key)


def test_one_host_at_a_time_through_vcenter_without_stored_credentials() -> None:
    files = by_name(ansible.render(context("e1"), None))
    (play,) = yaml.safe_load(files["ansible/playbook.yml"])
    assert play["serial"] == 1 and play["any_errors_fatal"] is True
    assert play["connection"] == "local"
    group = play["module_defaults"]["group/community.vmware.vmware"]
    assert group["password"] == "{{ vcenter_password }}"
    for text in files.values():
        assert "password:" not in text.replace("password: '{{ vcenter_password }}'", "")


def test_e1_inventory_carries_four_lanes_per_host() -> None:
    ctx = context("e1")
    _, inventory = load(ansible.render(ctx, None))
    hosts = hosts_of(inventory)
    assert list(hosts) == ["esx01", "esx02"]
    for name, host_vars in hosts.items():
        assert [v["mtu"] for v in host_vars["vmotion_vswitches"]] == [9000] * 4
        assert all(len(v["nics"]) == 1 for v in host_vars["vmotion_vswitches"])
        vmks = host_vars["vmotion_vmkernels"]
        planned = {str(v.address.ip) for v in ctx.plan.host(name).vmks if v.lane}
        assert {v["network"]["ip_address"] for v in vmks} == planned
        assert {v["network"]["subnet_mask"] for v in vmks} == {"255.255.255.252"}
        assert all(v["enable_vmotion"] is True for v in vmks)
        for pg in host_vars["vmotion_portgroups"]:
            assert len(pg["teaming"]["active_adapters"]) == 1
            assert pg["teaming"]["standby_adapters"] == []


def test_e4_every_vmotion_port_group_has_a_standby_vmnic() -> None:
    _, inventory = load(ansible.render(context("e4"), None))
    for host_vars in hosts_of(inventory).values():
        pgs = host_vars["vmotion_portgroups"]
        assert len(pgs) == 2
        for pg in pgs:
            assert len(pg["teaming"]["standby_adapters"]) == 1
        assert pgs[0]["teaming"]["active_adapters"] == pgs[1]["teaming"]["standby_adapters"]


def test_e5_sets_bind_to_vmknic() -> None:
    playbook, inventory = load(ansible.render(context("e5"), None))
    for host_vars in hosts_of(inventory).values():
        assert host_vars["advanced_settings"] == {"Migrate.BindToVmknic": 1}
    task = next(
        t for t in playbook[0]["tasks"] if "community.vmware.vmware_host_config_manager" in t
    )
    assert (
        task["community.vmware.vmware_host_config_manager"]["options"] == "{{ advanced_settings }}"
    )


def test_e7_vmotion_stack_without_service_flags_and_with_gateway() -> None:
    _, inventory = load(ansible.render(context("e7"), None))
    for host_vars in hosts_of(inventory).values():
        for vmk in host_vars["vmotion_vmkernels"]:
            assert vmk["network"]["tcpip_stack"] == "vmotion"
            assert "enable_vmotion" not in vmk  # only allowed on the default stack (S-ANS)
        assert host_vars["tcpip_stacks"] == {"vmotion": {"gateway": "203.0.113.1"}}


def test_no_address_the_design_did_not_state() -> None:
    for stem in ("e1", "e4", "e5", "e6", "e7"):
        ctx = context(stem)
        for text in by_name(ansible.render(ctx, None)).values():
            assert addresses_in(text) <= plan_addresses(ctx)


def test_hostile_text_is_never_templated_or_executed(
    tmp_path: Path, ansible_env: dict[str, str]
) -> None:
    ctx = evil_context("e6")
    artifacts = ansible.render(ctx, None)
    folder = write(artifacts, tmp_path)
    files = by_name(artifacts)
    # Design text only in comments of the playbook.
    for line in files["ansible/playbook.yml"].splitlines():
        if EVIL_NAME in line or "PWNED" in line:
            assert line.startswith("#"), line
    syntax = subprocess.run(
        [
            str(VENV_BIN / "ansible-playbook"),
            "--syntax-check",
            "-i",
            "inventory.yml",
            "playbook.yml",
        ],
        cwd=folder,
        env=ansible_env,
        capture_output=True,
        text=True,
    )
    assert syntax.returncode == 0, syntax.stdout + syntax.stderr
    listed = subprocess.run(
        [str(VENV_BIN / "ansible-inventory"), "-i", "inventory.yml", "--list"],
        cwd=folder,
        env=ansible_env,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(listed.stdout)
    review = data["_meta"]["hostvars"]["esx01"]["not_applied_review"]["portgroups"]
    names = [pg["portgroup"] for pg in review]
    assert EVIL_MGMT_PG in names and EVIL_VM_PG in names  # plain, literal strings
    assert not (folder / "PWNED").exists() and not (tmp_path / "PWNED").exists()


def test_the_documentation_check_catches_a_wrong_choice(
    module_docs: dict[str, dict[str, Any]],
) -> None:
    """The validator itself: a misspelt choice or option in the data must fail it."""
    playbook, inventory = load(ansible.render(context("e4"), None))
    task = next(t for t in playbook[0]["tasks"] if "community.vmware.vmware_portgroup" in t)
    hosts = hosts_of(inventory)
    hosts["esx01"]["vmotion_portgroups"][0]["teaming"]["load_balancing"] = "explicit"
    with pytest.raises(AssertionError, match="not in"):
        check_task(task, module_docs, hosts)
    hosts["esx01"]["vmotion_portgroups"][0]["teaming"] = {"active_nics": ["vmnic1"]}
    with pytest.raises(AssertionError, match="unknown option"):
        check_task(task, module_docs, hosts)
