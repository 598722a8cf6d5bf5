// description: How many claims one actor made, asserting and denying.
// mode: read
// param: claimant str  the actor's id
OPTIONAL MATCH (c:Claim {claimant_id: $claimant})
RETURN sum(CASE WHEN c.stance = 'asserts' THEN 1 ELSE 0 END) AS asserting,
       sum(CASE WHEN c.stance = 'denies' THEN 1 ELSE 0 END) AS denying
