package org.dynreg.tck.storm;

/**
 * The {@code index}-th (from 1) of {@code count} disjoint slices of a storm's devices
 * ({@code -Dstorm.shard=i/n}). Slice i holds devices [(i-1)·N/n, i·N/n) of N; together the slices hold
 * every device exactly once.
 */
public record Shard(int index, int count) {

    public static final Shard WHOLE = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("is " + index + "/" + count + ": it must be i/n with 1 <= i <= n");
        }
    }

    /** {@code "i/n"}; the message of the exception says what is wrong. */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("is '" + text + "': it must be i/n, e.g. 1/4 (the first of four slices)");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is '" + text + "': i and n must be whole numbers, e.g. 1/4");
        }
    }

    /** The first device (index into the storm's devices) of this slice of {@code devices}. */
    public int from(int devices) {
        return (int) ((long) (index - 1) * devices / count);
    }

    /** One past the last device of this slice of {@code devices}. */
    public int to(int devices) {
        return (int) ((long) index * devices / count);
    }

    public boolean whole() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
