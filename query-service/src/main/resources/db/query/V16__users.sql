-- The accounts' public names, for the original platform's GET /projects/{p}/users ({"user": {"username"}}).
-- Filled by the projections from UserRegistered and UserProfileChanged; a read model migrated from an earlier
-- version learns the accounts registered before this table existed by a replay (POST /api/admin/replay).
CREATE TABLE app_user (
    user_id      bigint PRIMARY KEY,
    login        text   NOT NULL,
    display_name text
);
