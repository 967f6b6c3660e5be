package dev.ticketspace.support;

import java.security.SecureRandom;
import java.util.List;
import java.util.Random;

/**
 * The random source of a fuzz test: a {@link Random} from a seed that every failure message names, so a
 * failing run is repeated exactly with {@code -Dticketspace.fuzz.seed=<seed>}. Without that property each
 * run takes a new seed, so runs keep trying new inputs.
 */
public final class Fuzz {
    public static final String SEED_PROPERTY = "ticketspace.fuzz.seed";

    private final long seed;
    private final Random random;

    private Fuzz(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    public static Fuzz start() {
        Long fixed = Long.getLong(SEED_PROPERTY);
        return new Fuzz(fixed != null ? fixed : new SecureRandom().nextLong());
    }

    public Random random() {
        return random;
    }

    public long seed() {
        return seed;
    }

    /** A description of a case for failure messages, with the seed to repeat it. */
    public String at(String what) {
        return what + " [seed " + seed + ", repeat with -D" + SEED_PROPERTY + "=" + seed + "]";
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    public <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
