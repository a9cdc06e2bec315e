-- Where a grid worker stood when reporting (the phone's location, WGS-84 degrees), beside the
-- written address. Both or neither. The b-tree on (latitude, longitude) serves the duplicate
-- search's 50 m bounding box (RiskItemStore.possibleDuplicates): PostGIS is not in the embedded
-- PostgreSQL, and a box of ±0.0005° reads only the items around the spot, however many there are.
alter table risk_item add column latitude double precision;
alter table risk_item add column longitude double precision;
alter table risk_item add constraint risk_item_coordinates_check check (
    (latitude is null and longitude is null)
    or (latitude between -90 and 90 and longitude between -180 and 180));
create index risk_item_coordinates_idx on risk_item (latitude, longitude) where latitude is not null;
