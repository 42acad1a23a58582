package zvt.crypto.persistence.writer;

import java.sql.SQLException;

import org.postgresql.copy.CopyIn;

/** Rows ready for an open COPY, in the format its statement names (text or binary). */
public interface CopyRows
{
    void writeTo(CopyIn copyIn) throws SQLException;
}
