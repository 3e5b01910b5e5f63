-- On-time rate per lane: a lane is a shipment's first facility to its last; a delivery is on time when
-- it came no later than the first ETA the platform announced (the plan's promised date is not an event).
WITH events AS (
    SELECT DISTINCT ON (source, id) *
    FROM read_parquet('{archive}/events/**/*.parquet', hive_partitioning = true)
),
scans AS (
    SELECT tracking_number, scan_type, facility_id, time FROM events WHERE type = 'SupplyChain.ItemScanned'
),
lanes AS (
    SELECT tracking_number,
           arg_min(facility_id, time) FILTER (WHERE facility_id IS NOT NULL) AS origin,
           arg_max(facility_id, time) FILTER (WHERE facility_id IS NOT NULL) AS destination,
           max(time) FILTER (WHERE scan_type = 'Delivered') AS delivered_at
    FROM scans GROUP BY tracking_number
),
first_eta AS (
    SELECT tracking_number, arg_min(CAST(json_extract_string(data, '$.eta') AS TIMESTAMPTZ), time) AS eta
    FROM events WHERE type = 'SupplyChain.ETARecalculated' GROUP BY tracking_number
)
SELECT origin || ' -> ' || destination AS lane,
       count(*) AS delivered,
       round(avg(CASE WHEN delivered_at <= eta THEN 1.0 ELSE 0.0 END), 3) AS on_time_rate
FROM lanes JOIN first_eta USING (tracking_number)
WHERE delivered_at IS NOT NULL
GROUP BY lane
ORDER BY lane;
