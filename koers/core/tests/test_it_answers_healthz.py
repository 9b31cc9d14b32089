def test_it_answers_without_touching_the_database(client):
    # Without the django_db mark, pytest-django fails this test on any database access.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "Set-Cookie" not in response.headers
