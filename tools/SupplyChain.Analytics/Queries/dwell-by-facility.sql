-- Dwell per facility: from a shipment's ArrivedAtFacility scan to its next DepartedFacility scan there.
WITH events AS (
    SELECT DISTINCT ON (source, id) *
    FROM read_parquet('{archive}/events/**/*.parquet', hive_partitioning = true)
),
scans AS (
    SELECT tracking_number, scan_type, facility_id, time FROM events WHERE type = 'SupplyChain.ItemScanned'
),
visits AS (
    SELECT a.tracking_number, a.facility_id, a.time AS arrived,
           (SELECT min(d.time) FROM scans d
            WHERE d.tracking_number = a.tracking_number AND d.facility_id = a.facility_id
              AND d.scan_type = 'DepartedFacility' AND d.time >= a.time) AS departed
    FROM scans a WHERE a.scan_type = 'ArrivedAtFacility'
)
SELECT facility_id,
       count(*) AS visits,
       round(median(epoch(departed - arrived)) / 60, 1) AS median_dwell_min,
       round(avg(epoch(departed - arrived)) / 60, 1) AS mean_dwell_min
FROM visits
WHERE departed IS NOT NULL
GROUP BY facility_id
ORDER BY facility_id;
