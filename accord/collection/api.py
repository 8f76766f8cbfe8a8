from ninja import Router

rounds_router = Router(tags=["collection"])
router = Router(tags=["collection"])
