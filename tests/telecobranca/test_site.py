"""The site as a browser sees it: language, titles, API documentation."""

import pytest

pytestmark = pytest.mark.django_db


def test_admin_speaks_portuguese_even_to_an_english_browser(supervisor_client):
    response = supervisor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Administração da cobrança | Telecobrança</title>" in page
    assert "Site administration" not in page


def test_api_documentation_page_loads_its_assets_from_this_server(supervisor_client):
    response = supervisor_client.get("/api/v1/docs/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "cdn.jsdelivr.net" not in page
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page


@pytest.mark.parametrize("path", ["/api/v1/schema/", "/api/v1/docs/"])
def test_api_schema_and_documentation_are_refused_to_anonymous_visitors(client, path):
    assert client.get(path).status_code == 401
