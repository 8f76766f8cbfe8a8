from ninja import Router

imports_router = Router(tags=["observations"])
router = Router(tags=["observations"])
