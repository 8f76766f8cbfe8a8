from django.apps import AppConfig


class CollectionConfig(AppConfig):
    name = "accord.collection"
    label = "collection"
