package org.plaque.dl.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * One labelled subject for training: image channels in a fixed order on one grid, the lesion mask and the
 * brain mask.
 *
 * <p>Validated on construction: at least one channel, one distinct (case-insensitive) name per channel, every
 * channel and both masks on the first channel's grid ({@link Tolerance#DEFAULT}), every channel value finite,
 * and a non-empty brain mask. Failures are {@link InvalidInputException}s naming the subject.
 *
 * @param id           subject name (e.g. the folder name {@code patient07})
 * @param channelNames channel names in network input order, e.g. {@code [FLAIR, T1, T2]}
 * @param channels     the channel images, same order as the names
 * @param lesion       lesion mask (may be empty)
 * @param brain        brain mask (non-empty)
 */
public record TrainingSubject(String id, List<String> channelNames, List<ScalarVolume> channels, Mask lesion,
                              Mask brain) {
    /** @throws InvalidInputException see the class comment */
    public TrainingSubject {
        Objects.requireNonNull(id, "id");
        channelNames = List.copyOf(channelNames);
        channels = List.copyOf(channels);
        Objects.requireNonNull(lesion, "lesion");
        Objects.requireNonNull(brain, "brain");
        if (channels.isEmpty()) {
            throw new InvalidInputException("subject " + id + " has no image channels");
        }
        if (channelNames.size() != channels.size()) {
            throw new InvalidInputException("subject " + id + " has " + channels.size() + " channels but "
                + channelNames.size() + " channel names");
        }
        Set<String> seen = new HashSet<>();
        for (String n : channelNames) {
            if (!seen.add(n.toUpperCase(Locale.ROOT))) {
                throw new InvalidInputException("subject " + id + " names channel " + n + " twice");
            }
        }
        ImageGeometry g = channels.get(0).geometry();
        for (int c = 1; c < channels.size(); c++) {
            g.requireSameGrid(channels.get(c).geometry(), Tolerance.DEFAULT,
                "subject " + id + ": channels " + channelNames.get(0) + " and " + channelNames.get(c));
        }
        g.requireSameGrid(lesion.geometry(), Tolerance.DEFAULT, "subject " + id + ": lesion mask and images");
        g.requireSameGrid(brain.geometry(), Tolerance.DEFAULT, "subject " + id + ": brain mask and images");
        for (int c = 0; c < channels.size(); c++) {
            if (channels.get(c).statistics().nonFinite() > 0) {
                throw new InvalidInputException("subject " + id + ": channel " + channelNames.get(c)
                    + " holds non-finite values");
            }
        }
        if (brain.count() == 0) {
            throw new InvalidInputException("subject " + id + " has an empty brain mask");
        }
    }

    /** The common grid. */
    public ImageGeometry geometry() {
        return channels.get(0).geometry();
    }

    /** Number of channels. */
    public int channelCount() {
        return channels.size();
    }

    /** Index of the channel named {@code name} (case-insensitive), or −1. */
    public int channelIndex(String name) {
        for (int c = 0; c < channelNames.size(); c++) {
            if (channelNames.get(c).equalsIgnoreCase(name)) {
                return c;
            }
        }
        return -1;
    }

    /** The channel named {@code name} (case-insensitive); {@link InvalidInputException} when absent. */
    public ScalarVolume channel(String name) {
        int c = channelIndex(name);
        if (c < 0) {
            throw new InvalidInputException("subject " + id + " has no channel " + name + " (has "
                + channelNames + ")");
        }
        return channels.get(c);
    }

    /** The same subject with other channel images (same names, same grid). */
    public TrainingSubject withChannels(List<ScalarVolume> newChannels) {
        return new TrainingSubject(id, channelNames, newChannels, lesion, brain);
    }

    /** The same subject with other channel images and another lesion mask. */
    public TrainingSubject withChannelsAndLesion(List<ScalarVolume> newChannels, Mask newLesion) {
        return new TrainingSubject(id, channelNames, newChannels, newLesion, brain);
    }

    /** The same subject restricted to the named channels, in the order given. */
    public TrainingSubject select(List<String> names) {
        List<ScalarVolume> picked = new ArrayList<>();
        List<String> canonical = new ArrayList<>();
        for (String n : names) {
            int c = channelIndex(n);
            if (c < 0) {
                throw new InvalidInputException("subject " + id + " has no channel " + n + " (has "
                    + channelNames + ")");
            }
            picked.add(channels.get(c));
            canonical.add(channelNames.get(c));
        }
        return new TrainingSubject(id, canonical, picked, lesion, brain);
    }
}
