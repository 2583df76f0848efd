"""Two or more follow-up reports → the lights that changed. Pure: no I/O.

Reports come oldest first. Areas are matched by ``id`` as ``bcalc compare`` matches
proposals: **new** (not in the first report), **ended** (not in the last), **changed**
(the light the figures give, or the light the report states, differs between the
reports it is in, or it is missing from one in between), **unchanged**. An ended and a
new area with (nearly) the same title are shown as a likely match, never merged.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from bcalc.compare import Titled, find_likely_matches
from bcalc.lifecycle.results import (
    AreaLights,
    AreaResult,
    FollowupComparison,
    FollowupResult,
    ReportFile,
    YearLight,
)
from bcalc.results import LikelyMatch, Status


def compare_followups(results: Sequence[FollowupResult]) -> FollowupComparison:
    if len(results) < 2:
        raise ValueError("a comparison needs at least two reports")
    count = len(results)
    rows: dict[str, list[AreaResult | None]] = {}
    for index, result in enumerate(results):
        for area in result.areas:
            rows.setdefault(area.id, [None] * count)[index] = area
    areas = [_area(area_id, row, results) for area_id, row in rows.items()]
    search = find_likely_matches(
        [Titled(a.id, a.title, *_span(a)) for a in areas],
        [Titled(a.id, a.title, *_span(a)) for a in areas],
        count,
    )
    matched: dict[str, list[LikelyMatch]] = {}
    for match in search.matches:
        matched.setdefault(match.old_id, []).append(match)
        matched.setdefault(match.new_id, []).append(match)
    areas = [
        a.model_copy(update={"likely_matches": tuple(matched[a.id])}) if a.id in matched else a
        for a in areas
    ]
    counts = dict.fromkeys(Status, 0)
    for compared in areas:
        counts[compared.status] += 1
    files = tuple(
        ReportFile(path=r.path, report_year=r.report_year, title=r.title) for r in results
    )
    return FollowupComparison(
        files=files, counts=counts, areas=tuple(areas), likely_matches=tuple(search.matches)
    )


def _span(area: AreaLights) -> tuple[int, int]:
    present = [i for i, light in enumerate(area.lights) if light is not None]
    return present[0], present[-1]


def _area(
    area_id: str, row: list[AreaResult | None], results: Sequence[FollowupResult]
) -> AreaLights:
    lights = tuple(
        None
        if area is None
        else YearLight(
            year=result.report_year,
            area=area.id,
            light=area.light.implied,
            stated=area.light.stated,
            attainment=area.attainment,
        )
        for area, result in zip(row, results, strict=True)
    )
    present = [i for i, area in enumerate(row) if area is not None]
    first, last = present[0], present[-1]
    if last < len(row) - 1:
        status = Status.ENDED
    elif first > 0:
        status = Status.NEW
    else:
        shown = [(light.light, light.stated) for light in lights if light is not None]
        gap = len(present) != last - first + 1
        changed = gap or any(a != b for a, b in pairwise(shown))
        status = Status.CHANGED if changed else Status.UNCHANGED
    areas = [area for area in row if area is not None]
    models = tuple(dict.fromkeys(model for area in areas for model in area.models))
    return AreaLights(
        id=area_id, title=areas[-1].title, models=models, status=status, lights=lights
    )
