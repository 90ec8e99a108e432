package org.plaque.dl.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.plaque.InvalidInputException;
import org.plaque.io.AtomicFiles;

/**
 * The checkpoint folder of a training run: {@code latest.params} (weights after the last finished epoch),
 * {@code best.params} (weights of the best validation epoch) and {@code state.json} ({@link TrainingState}).
 * Each file is replaced atomically, state last, so an interrupted run leaves a consistent checkpoint.
 */
public final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    /** The checkpoints in {@code dir}. */
    public Checkpoints(Path dir) {
        this.dir = dir;
    }

    /** The state file. */
    public Path state() {
        return dir.resolve("state.json");
    }

    /** The latest weights. */
    public Path latest() {
        return dir.resolve("latest.params");
    }

    /** The best weights. */
    public Path best() {
        return dir.resolve("best.params");
    }

    /** Writes one epoch's checkpoint ({@code best} may be null before the first improvement). */
    public void write(TrainingState state, byte[] latestWeights, byte[] bestWeights) throws IOException {
        AtomicFiles.write(latest(), out -> out.write(latestWeights));
        if (bestWeights != null) {
            AtomicFiles.write(best(), out -> out.write(bestWeights));
        }
        AtomicFiles.write(state(), out -> JSON.writeValue(out, state));
    }

    /** The saved state; a clear error when there is no checkpoint to resume from. */
    public TrainingState readState() throws IOException {
        if (!Files.isRegularFile(state()) || !Files.isRegularFile(latest())) {
            throw new InvalidInputException("no checkpoint to resume from in " + dir
                + " (state.json and latest.params are written after each epoch)");
        }
        try {
            return JSON.readValue(state().toFile(), TrainingState.class);
        } catch (IOException e) {
            throw new InvalidInputException("checkpoint " + state() + " is unreadable: " + e.getMessage());
        }
    }

    /** The latest weights. */
    public byte[] readLatest() throws IOException {
        return Files.readAllBytes(latest());
    }

    /** The best weights. */
    public byte[] readBest() throws IOException {
        return Files.readAllBytes(best());
    }
}
