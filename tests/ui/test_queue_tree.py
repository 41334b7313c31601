from __future__ import annotations

from backoffice.domain.records import CaseQuery
from backoffice.domain.views import View
from backoffice.services.case_queries import count_cases
from backoffice.services.saved_filters import save_filter
from ui.models.queue_tree import ALL_OPEN, MINE, QueueTreeModel, load_overview


def overview_and_model(db, actor, **kwargs):
    with db.uow(write=False) as uow:
        overview = load_overview(uow, actor)
    model = QueueTreeModel()
    model.populate(overview, actor, **kwargs)
    return overview, model


def test_model_tester(qtmodeltester, db, actor):
    _, model = overview_and_model(db, actor)
    qtmodeltester.check(model)


def test_nodes_carry_queries_and_open_counts(db, actor):
    overview, model = overview_and_model(db, actor)
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top[0] == f"Meine Fälle ({overview.mine_open})"
    assert top[2] == f"Alle offenen Fälle ({overview.all_open})"
    assert [t.rsplit(" (", 1)[0] for t in top] == [
        "Meine Fälle", "Nicht zugewiesen", "Alle offenen Fälle", "Warten auf Unterlagen", "Überfällig", "Wiedervorlage fällig",
        "Abgeschlossen",
        "Zentrale Wohnungsfachstelle", "Elterngeldstelle", "Bürgeramt",
    ]
    with db.uow(write=False) as uow:
        for view in View:
            node = model.index_of(view.value)
            assert node.data().endswith(f"({count_cases(uow, actor, model.query_at(node))})")
    assert model.query_at(model.index_of(View.UNASSIGNED.value)) == CaseQuery(unassigned=True, open_only=True)

    assert model.query_at(model.index_of(MINE)) == CaseQuery(assignee_login=actor.login, open_only=True)
    assert model.query_at(model.index_of(ALL_OPEN)) == CaseQuery(open_only=True)
    queue = model.index_of("queue:wbs-eingang")
    query = model.query_at(queue)
    assert query == CaseQuery(queue_code="wbs-eingang", open_only=True)
    with db.uow(write=False) as uow:
        assert queue.data() == f"WBS Eingang ({count_cases(uow, actor, query)})"
        assert overview.all_open == count_cases(uow, actor, CaseQuery(open_only=True))


def test_closed_cases_can_be_included(db, actor):
    _, model = overview_and_model(db, actor, include_closed=True)
    assert model.query_at(model.index_of("queue:fz-eingang")) == CaseQuery(queue_code="fz-eingang")
    assert model.query_at(model.index_of("dept:bua")) == CaseQuery(department_code="bua")
    assert model.query_at(model.index_of(MINE)).open_only  # "Meine Fälle" are the open ones


def test_saved_filters_appear_under_meine_filter(db, actor, qtmodeltester):
    with db.uow() as uow:
        fid = save_filter(uow, actor, "Test-Filter Baum", CaseQuery(text="müller", open_only=True))
        uow.commit()
    try:
        _, model = overview_and_model(db, actor)
        node = model.index_of(f"filter:{fid}")
        assert node.data() == "Test-Filter Baum"
        assert node.parent().data() == "Meine Filter"
        assert model.query_at(node) == CaseQuery(text="müller", open_only=True)
        assert model.filter_id_at(node) == fid
        qtmodeltester.check(model)
    finally:
        from backoffice.services.saved_filters import delete_filter

        with db.uow() as uow:
            delete_filter(uow, actor, fid)
            uow.commit()


def test_counts_are_updated_in_place_and_a_new_shape_is_refused(db, actor):
    from dataclasses import replace

    overview, model = overview_and_model(db, actor)
    mine = model.index_of(MINE)
    changed = replace(overview, views={**overview.views, View.MINE: overview.views[View.MINE] + 5})
    assert model.update_counts(changed)
    assert model.index_of(MINE) == mine  # the same node, not a rebuilt one
    assert mine.data() == f"Meine Fälle ({overview.views[View.MINE] + 5})"
    fewer = replace(overview, departments=overview.departments[1:])
    assert not model.update_counts(fewer)  # a department gone: the caller rebuilds the tree
