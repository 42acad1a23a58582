package zvt.crypto.core.json;

import java.util.Locale;

/**
 * Lower-case JSON labels of the schema's enums, computed once so rendering an event allocates no String.
 */
final class Labels
{
    private static final ClassValue<String[]> LABELS = new ClassValue<>()
    {
        protected String[] computeValue(final Class<?> type)
        {
            final Object[] constants = type.getEnumConstants();
            final String[] labels = new String[constants.length];
            for (int i = 0; i < constants.length; i++)
            {
                labels[i] = ((Enum<?>)constants[i]).name().toLowerCase(Locale.ROOT);
            }
            return labels;
        }
    };

    private Labels()
    {
    }

    static String of(final Enum<?> value)
    {
        return LABELS.get(value.getDeclaringClass())[value.ordinal()];
    }
}
