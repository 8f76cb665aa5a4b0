-- Every change of a command's status (or of its desired version) notifies channel vehicle_command_changed with the
-- command's id, delivered at commit to every service instance that LISTENs (CommandChangeFeed), so an event stream
-- on any instance sees changes stored by any other.
CREATE FUNCTION vehicle_command_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('vehicle_command_changed', NEW.id::text);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER vehicle_command_changed AFTER UPDATE ON vehicle_command FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.desired_version IS DISTINCT FROM NEW.desired_version)
    EXECUTE FUNCTION vehicle_command_notify();
