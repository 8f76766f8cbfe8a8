from ninja import Router

periods_router = Router(tags=["indicators"])
router = Router(tags=["indicators"])
