package zvt.crypto.core.candle;

import org.junit.jupiter.api.Test;
import zvt.crypto.core.decimal.MutableDecimal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalSumTest
{
    @Test
    void shouldSumProductsExactlyAcrossExponentsLikeBigDecimal()
    {
        final SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 200; round++)
        {
            final DecimalSum sum = new DecimalSum();
            BigDecimal expected = BigDecimal.ZERO;
            for (int i = 0; i < 500; i++)
            {
                final long m1 = random.nextLong(1_000_000_000_000_000L);
                final int e1 = random.nextInt(-18, 5);
                final long m2 = random.nextLong(1_000_000_000_000_000L);
                final int e2 = random.nextInt(-18, 5);
                if (random.nextBoolean())
                {
                    sum.addProduct(m1, e1, m2, e2);
                    expected = expected.add(BigDecimal.valueOf(m1, -e1).multiply(BigDecimal.valueOf(m2, -e2)));
                }
                else
                {
                    sum.add(m1, e1);
                    expected = expected.add(BigDecimal.valueOf(m1, -e1));
                }
            }
            assertEquals(0, expected.compareTo(sum.toBigDecimal()), "round " + round);
        }
    }

    @Test
    void shouldStayExactPast127BitsAndRoundHalfEvenOnlyWhenNarrowing()
    {
        final DecimalSum sum = new DecimalSum();
        BigDecimal expected = BigDecimal.ZERO;
        for (int i = 0; i < 1_000; i++)
        {
            sum.addProduct(999_999_999_999_999_999L, 0, 999_999_999_999_999_999L, -30);
            expected = expected.add(new BigDecimal("999999999999999999").pow(2).movePointLeft(30));
        }
        sum.add(1, -40);
        expected = expected.add(BigDecimal.ONE.movePointLeft(40));

        assertEquals(0, expected.compareTo(sum.toBigDecimal()));
        final MutableDecimal narrowed = new MutableDecimal();
        assertFalse(sum.toDecimal(narrowed));
        assertEquals(0, expected.round(new MathContext(18, RoundingMode.HALF_EVEN))
            .compareTo(BigDecimal.valueOf(narrowed.mantissa(), -narrowed.exponent())));
    }

    @Test
    void shouldNarrowExactlyWhenItFitsAndKeepTheScale()
    {
        final DecimalSum sum = new DecimalSum().add(150, -2).add(25, -2).add(1, -1);
        final MutableDecimal narrowed = new MutableDecimal();

        assertTrue(sum.toDecimal(narrowed));
        assertEquals(185, narrowed.mantissa());
        assertEquals(-2, narrowed.exponent());
        assertTrue(new DecimalSum().toDecimal(narrowed));
        assertEquals(0, narrowed.mantissa());
        assertThrows(IllegalArgumentException.class, () -> new DecimalSum().add(-1, 0));
    }

    @Test
    void shouldCompareDecimalsLikeBigDecimal()
    {
        final SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++)
        {
            final long m1 = random.nextLong() >> random.nextInt(64);
            final long m2 = random.nextInt(4) == 0 ?
                m1 * (random.nextBoolean() ? 10 : 1) : random.nextLong() >> random.nextInt(64);
            final int e1 = random.nextInt(-40, 40);
            final int e2 = random.nextInt(4) == 0 ? e1 - 1 : random.nextInt(-40, 40);
            final int expected = BigDecimal.valueOf(m1, -e1).compareTo(BigDecimal.valueOf(m2, -e2));
            assertEquals(expected, Integer.signum(Decimals.compare(m1, e1, m2, e2)),
                m1 + "e" + e1 + " vs " + m2 + "e" + e2);
        }
    }
}
