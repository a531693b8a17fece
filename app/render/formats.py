"""The registry of output formats: one name per format, used by the CLI, the web and the zip.

Every format maps to one renderer (``render(ctx, host) -> list[Artifact]``). Renderers of other
modules are imported on first use, so listing formats or rendering a CSV never loads WeasyPrint.

A plan error means the network would not work (docs/domain.md section 10: an error means the plan
must not be applied as it is). The host scripts carry their own gate (they stop unless FORCE=1
is set), but a switch configuration pasted into a console has none, so the registry refuses to
produce it for a plan with errors. Documents, diagrams and the design itself are always available.
"""

from __future__ import annotations

import importlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from app.planner.result import Severity
from app.render import (
    cabling_csv,
    document,
    drawio,
    switch_ios,
    switch_iosxe,
    switch_nxos,
)
from app.render.base import Artifact, RenderContext

Renderer = Callable[[RenderContext, str | None], list[Artifact]]


class UnknownFormatError(LookupError):
    def __init__(self, name: str) -> None:
        self.name = name
        known = ", ".join(spec.name for spec in available_formats())
        super().__init__(f"Unknown export format '{name}'. Known formats: {known}.")


class UnknownHostError(LookupError):
    def __init__(self, host: str, known: list[str]) -> None:
        self.host = host
        super().__init__(f"Host '{host}' is not in this design. Hosts: {', '.join(known)}.")


class PlanHasErrorsError(ValueError):
    """A format without a run-time gate (switch configs) was asked for while the plan has errors."""

    def __init__(self, name: str, errors: list[str]) -> None:
        self.name = name
        self.errors = errors
        super().__init__(
            f"The plan has {len(errors)} error(s), so '{name}' is not generated: applying it "
            f"would build a network that does not work. Fix first: {'; '.join(errors)}"
        )


@dataclass(frozen=True)
class FormatSpec:
    name: str
    title: str
    description: str
    per_host: bool
    renderer: Renderer
    folder: str
    refused_on_errors: bool = False


class LazyRenderer:
    """A renderer imported on first call (keeps WeasyPrint and friends out of every import)."""

    def __init__(self, module: str, function: str) -> None:
        self.module = module
        self.function = function

    @property
    def available(self) -> bool:
        """Whether the module and its entry point exist in this installation."""
        try:
            return hasattr(importlib.import_module(self.module), self.function)
        except ModuleNotFoundError:
            return False

    def __call__(self, ctx: RenderContext, host: str | None) -> list[Artifact]:
        target: Renderer = getattr(importlib.import_module(self.module), self.function)
        return target(ctx, host)


def _lazy(module: str, function: str) -> LazyRenderer:
    return LazyRenderer(module, function)


def _switch_configs(ctx: RenderContext, host: str | None) -> list[Artifact]:
    return (
        switch_nxos.render(ctx, host)
        + switch_ios.render(ctx, host)
        + switch_iosxe.render(ctx, host)
    )


_SPECS = (
    FormatSpec("esxcli", "esxcli script", "Shell script per host for the ESXi shell: vSwitches, "
               "port groups with failover order, vmks, advanced settings, then the host's vmkping "
               "checks.", True, _lazy("app.render.esxcli", "render"), "esxcli"),
    FormatSpec("powercli", "PowerCLI script", "One PowerShell script for the design, one block "
               "per host.", True, _lazy("app.render.powercli", "render"), "powercli"),
    FormatSpec("ansible", "Ansible playbook", "Playbook using community.vmware modules, with the "
               "host variables in an inventory file.", True, _lazy("app.render.ansible", "render"),
               "ansible"),
    FormatSpec("terraform", "Terraform", "vsphere_host_virtual_switch, vsphere_host_port_group and "
               "vsphere_vnic resources.", True, _lazy("app.render.terraform", "render"),
               "terraform"),
    FormatSpec("checklist", "Test plan", "Commissioning checklist with a pass/fail box for each "
               "vmkping (HTML, Markdown), and the same checks as a shell script.", True,
               _lazy("app.render.checklist", "render"), "test-plan"),
    FormatSpec("switch", "Switch configuration", "Cisco NX-OS, IOS and IOS-XE interface "
               "configuration for the ESXi-facing ports, one file per switch or stack.", False,
               _switch_configs,
               "switch", refused_on_errors=True),
    FormatSpec("cabling-csv", "Cabling sheet (CSV)", "Every cable (back-to-back, uplinks, "
               "inter-switch links) with its ID, status (planned or existing), label, both ends "
               "with printed port labels, speed, subnet, VLANs, MTU and colour.", True,
               cabling_csv.render, "cabling"),
    FormatSpec("netbox", "NetBox import", "Files for NetBox 4.4's bulk import, in import order: "
               "prerequisites for an empty NetBox, then existing and planned VLANs, switch ports, "
               "prefixes, vmk interfaces, IP addresses and cables.", True,
               _lazy("app.render.netbox", "render"), "netbox"),
    FormatSpec("topology-svg", "Topology diagram (SVG)", "Hosts, switches and every cable in lane "
               "colours.", False, _lazy("app.render.diagrams.topology", "render_topology"),
               "diagrams"),
    FormatSpec("vswitch-svg", "vSwitch diagrams (SVG)", "Each host's vSwitches, port groups, "
               "vmks and uplinks with the failover order.", True,
               _lazy("app.render.diagrams.vswitch", "render_vswitches"), "diagrams"),
    FormatSpec("drawio", "Topology for draw.io", "The topology as an editable diagrams.net "
               "(.drawio) file.", False, drawio.render, "diagrams"),
    FormatSpec("sheet-html", "Cabling sheet (HTML)", "Printable cabling sheet for the "
               "technicians.", True, _lazy("app.render.sheet", "render_sheet_html"), "sheet"),
    FormatSpec("sheet-pdf", "Cabling sheet (PDF)", "The printable cabling sheet as a PDF.", True,
               _lazy("app.render.sheet", "render_sheet_pdf"), "sheet"),
    FormatSpec("design-json", "Design document (JSON)", "The design itself, to import into "
               "another installation or keep in version control.", False, document.render_json,
               "design"),
    FormatSpec("design-yaml", "Design document (YAML)", "The design itself in YAML, the format of "
               "the examples and the CLI.", False, document.render_yaml, "design"),
)  # fmt: skip

FORMATS: dict[str, FormatSpec] = {spec.name: spec for spec in _SPECS}


def available_formats() -> list[FormatSpec]:
    """The registered formats whose renderer is installed, in registry order."""
    return [
        spec
        for spec in _SPECS
        if not isinstance(spec.renderer, LazyRenderer) or spec.renderer.available
    ]


def get_format(name: str) -> FormatSpec:
    """The spec of format ``name``; raises :class:`UnknownFormatError`."""
    spec = FORMATS.get(name)
    if spec is None or spec not in available_formats():
        raise UnknownFormatError(name)
    return spec


def plan_errors(ctx: RenderContext) -> list[str]:
    """The plan's errors as 'R5: message' lines (empty when the plan is clean)."""
    return [f"{f.rule}: {f.message}" for f in ctx.plan.findings if f.severity is Severity.ERROR]


def blocked(spec: FormatSpec, ctx: RenderContext) -> bool:
    return spec.refused_on_errors and bool(plan_errors(ctx))


def render_format(
    name: str, ctx: RenderContext, host: str | None = None, *, allow_errors: bool = False
) -> list[Artifact]:
    """Render format ``name``, for one host if ``host`` is given and the format is per host.

    Raises:
        UnknownFormatError: ``name`` is not a registered format.
        UnknownHostError: ``host`` is not a host of the plan.
        PlanHasErrorsError: the format is refused on plan errors, the plan has errors and
            ``allow_errors`` is false.
    """
    spec = get_format(name)
    if host is not None:
        known = [h.name for h in ctx.plan.hosts]
        if host not in known:
            raise UnknownHostError(host, known)
    if blocked(spec, ctx) and not allow_errors:
        raise PlanHasErrorsError(name, plan_errors(ctx))
    return spec.renderer(ctx, host if spec.per_host else None)


def slug(text: str) -> str:
    """A file-name slug of the design name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "design"


def bundle_name(ctx: RenderContext) -> str:
    revision = f"-r{ctx.revision}" if ctx.revision is not None else ""
    return f"{slug(ctx.design.name)}{revision}"


def _zip_time(ctx: RenderContext) -> tuple[int, int, int, int, int, int]:
    """Entry timestamps from the context (renderers never read the clock)."""
    match = re.match(
        r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2}))?", ctx.generated_at or ""
    )
    if not match or int(match.group(1)) < 1980:
        return (1980, 1, 1, 0, 0, 0)
    y, mo, d, h, mi, s = (int(g) if g else 0 for g in match.groups())
    return (y, mo, d, h, mi, s)


def _readme(ctx: RenderContext, contents: list[tuple[FormatSpec, list[str]]]) -> str:
    lines = [f"vmotion-planner outputs for: {' '.join(ctx.design.name.split())}"]
    if ctx.revision is not None:
        lines.append(f"Revision: {ctx.revision}")
    if ctx.generated_at:
        lines.append(f"Generated: {ctx.generated_at}")
    lines += [
        "",
        "Apply safely: put one host in maintenance mode at a time, apply its script and its",
        "switch ports, then run that host's vmkping checks from the test plan before moving on.",
        "",
    ]
    errors = plan_errors(ctx)
    for spec, files in contents:
        lines.append(f"{spec.title} ({spec.folder}/): {spec.description}")
        lines += [f"    {name}" for name in files]
        if not files and blocked(spec, ctx):
            lines.append("    (not generated: the plan has errors, see below)")
        elif not files:
            lines.append("    (nothing to generate for this design)")
    if errors:
        lines += [
            "",
            "Plan errors (fix these before applying anything):",
            *(f"  {e}" for e in errors),
        ]
    return "\n".join(lines) + "\n"


def _in_folder(spec: FormatSpec, artifact: Artifact) -> str:
    """``<folder>/<file>``; renderers that already name their folder keep it once."""
    if artifact.filename.startswith(f"{spec.folder}/"):
        return artifact.filename
    return f"{spec.folder}/{artifact.filename}"


def _write(
    archive: zipfile.ZipFile, name: str, stamp: tuple[int, int, int, int, int, int], data: bytes
) -> None:
    info = zipfile.ZipInfo(name, stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    # Shell scripts keep their execute bit so `./script.sh` works after unzipping.
    info.external_attr = (0o755 if name.endswith(".sh") else 0o644) << 16
    archive.writestr(info, data)


def bundle_zip(ctx: RenderContext) -> bytes:
    """Every format in one zip: ``<design>/<folder>/<file>`` plus a README.txt.

    Formats refused on plan errors are left out (and the README says why) when it has errors.
    The archive is deterministic: same context, same bytes.
    """
    root = bundle_name(ctx)
    stamp = _zip_time(ctx)
    contents: list[tuple[FormatSpec, list[str]]] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for spec in available_formats():
            artifacts = [] if blocked(spec, ctx) else spec.renderer(ctx, None)
            contents.append((spec, [_in_folder(spec, a) for a in artifacts]))
            for artifact in artifacts:
                _write(archive, f"{root}/{_in_folder(spec, artifact)}", stamp, artifact.data)
        _write(archive, f"{root}/README.txt", stamp, _readme(ctx, contents).encode())
    return buffer.getvalue()


def artifacts_zip(ctx: RenderContext, artifacts: list[Artifact]) -> bytes:
    """Several artifacts of one format as a zip (for a download that yields more than one file)."""
    stamp = _zip_time(ctx)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for artifact in artifacts:
            _write(archive, artifact.filename, stamp, artifact.data)
    return buffer.getvalue()
