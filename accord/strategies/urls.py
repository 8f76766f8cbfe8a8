from accord.strategies import urls_matrix, urls_pages

app_name = "strategies"
urlpatterns = urls_pages.urlpatterns + urls_matrix.urlpatterns
