from django.conf import settings


def accord(request):
    return {"partnership_name": settings.ACCORD_PARTNERSHIP_NAME}
