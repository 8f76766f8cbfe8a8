from ninja import Router

area_groups_router = Router(tags=["indicators"])
periods_router = Router(tags=["indicators"])
router = Router(tags=["indicators"])
