from fastapi.testclient import TestClient
def test_smoke(client: TestClient) -> None:
    for url in ["/actors?q=taliban", "/actors?q=qaida", "/research/sanctuary_for_enemies?actor_id=taliban", "/research/enemies_of_enemies?actor_id=taliban",
                "/actors/talibn", "/relations?type=FOO", "/actors/iskp/neighbourhood?depth=2", "/paths?from=iskp&to=tajikistan&all=true", "/events/x", "/research/nope",
                "/sources/s000-jamestown-iskp-rocket-attack?page_size=1", "/claimants/nurbek-bekmurzaev?page_size=1"]:
        r = client.get(url)
        print(url, r.status_code, r.text[:400])
    for body in [{"query": "CREATE (n:X) RETURN n"}, {"query": "MATCH (n) RETURN n"}, {"query": "garbage"}, {"query": "UNWIND range(1,100000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x)"}]:
        r = client.post("/cypher", json=body); print(body, r.status_code, r.text[:300])
