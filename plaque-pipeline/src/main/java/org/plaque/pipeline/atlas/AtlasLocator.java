package org.plaque.pipeline.atlas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.plaque.InvalidInputException;

/**
 * Where installed atlases live and which one a command uses.
 *
 * <p><b>Cache folder</b> (first that applies): an explicit folder ({@link #at}, the CLI's
 * {@code --cache-dir}); {@code $PLAQUE_HOME}; {@code $XDG_CACHE_HOME/plaque} (when that variable holds an
 * absolute path, as the XDG specification requires); {@code ~/.cache/plaque}. Atlases are installed in
 * {@code <cache>/atlases/<name>}; entries of that folder whose names start with a dot are an installer's
 * temporary folders and are ignored.
 *
 * <p><b>Default atlas</b> ({@link #requireDefault()}): the atlas named {@value #DEFAULT_NAME} when installed,
 * else the only installed atlas when there is exactly one. When none is installed, the error says how to
 * install one; when several are and none has the default name, it says to choose one with {@code --atlas}.
 *
 * <p>Nothing here creates or writes folders; {@link AtlasInstaller} does.
 */
public final class AtlasLocator {
    /** The atlas commands use unless told otherwise: the ICBM 2009a nonlinear symmetric atlas. */
    public static final String DEFAULT_NAME = Icbm2009aRelease.NAME;
    /** Environment variable naming Plaque's cache folder. */
    public static final String HOME_VARIABLE = "PLAQUE_HOME";
    /** Sub-folder of the cache holding the atlases. */
    public static final String ATLASES_FOLDER = "atlases";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Path cacheRoot;

    private AtlasLocator(Path cacheRoot) {
        this.cacheRoot = cacheRoot.toAbsolutePath().normalize();
    }

    /** A locator using {@code cacheRoot} as Plaque's cache folder. */
    public static AtlasLocator at(Path cacheRoot) {
        return new AtlasLocator(Objects.requireNonNull(cacheRoot));
    }

    /** A locator using the cache folder of this process's environment (see the class comment). */
    public static AtlasLocator fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    /** A locator using the cache folder that {@code env} and {@code userHome} give (see the class comment). */
    public static AtlasLocator fromEnvironment(Map<String, String> env, String userHome) {
        String home = env.get(HOME_VARIABLE);
        if (home != null && !home.isBlank()) {
            return at(Path.of(home));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return at(Path.of(xdg, "plaque"));
        }
        if (userHome == null || userHome.isBlank()) {
            throw new IllegalStateException("no home folder is known; set " + HOME_VARIABLE
                + " or pass --cache-dir");
        }
        return at(Path.of(userHome, ".cache", "plaque"));
    }

    /**
     * Checks an atlas name: 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit.
     *
     * @return {@code name}
     * @throws IllegalArgumentException otherwise (a usage error)
     */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("atlas name '" + name + "' is not valid: use 1 to 100 letters,"
                + " digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    /** Plaque's cache folder. */
    public Path cacheRoot() {
        return cacheRoot;
    }

    /** The folder holding the installed atlases. */
    public Path atlasesDir() {
        return cacheRoot.resolve(ATLASES_FOLDER);
    }

    /** The folder an atlas of this name is (or would be) installed in. */
    public Path directoryOf(String name) {
        return atlasesDir().resolve(requireValidName(name));
    }

    /** The installed atlas of this name, if its folder exists. */
    public Optional<Path> find(String name) {
        Path dir = directoryOf(name);
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /** The installed atlases, sorted by name. */
    public List<InstalledAtlas> list() {
        Path dir = atlasesDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<InstalledAtlas> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (!Files.isDirectory(p) || !NAME.matcher(name).matches()) {
                    continue;
                }
                Optional<AtlasMetadata> meta;
                try {
                    meta = AtlasMetadata.readIfPresent(p);
                } catch (InvalidInputException e) {
                    meta = Optional.empty();
                }
                out.add(new InstalledAtlas(name, p, meta, AtlasLayout.missing(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The folder of the installed atlas {@code name}.
     *
     * @throws InvalidInputException when it is not installed, saying how to install it
     */
    public Path require(String name) {
        return find(name).orElseThrow(() -> new InvalidInputException("atlas '" + name + "' is not installed in "
            + atlasesDir() + installedSuffix() + "; install it with: plaque atlas install --from DIR|ZIP|URL"
            + " --name " + name));
    }

    /**
     * The folder of the atlas commands use by default (see the class comment).
     *
     * @throws InvalidInputException when none is installed (saying how to install one) or the choice is
     *     ambiguous
     */
    public Path requireDefault() {
        Optional<Path> preferred = find(DEFAULT_NAME);
        if (preferred.isPresent()) {
            return preferred.get();
        }
        List<InstalledAtlas> all = list();
        if (all.size() == 1) {
            return all.get(0).directory();
        }
        if (all.isEmpty()) {
            throw new InvalidInputException(notInstalledMessage());
        }
        throw new InvalidInputException("several atlases are installed in " + atlasesDir() + " ("
            + all.stream().map(InstalledAtlas::name).collect(Collectors.joining(", ")) + ") and none is named "
            + DEFAULT_NAME + "; choose one with --atlas DIR (plaque atlas path NAME prints its folder)");
    }

    /**
     * The atlas folder a command uses: {@code override} when given (it must exist), else {@link
     * #requireDefault()}.
     *
     * @throws InvalidInputException when {@code override} is not a folder, or no default atlas is found
     */
    public Path resolve(Path override) {
        if (override == null) {
            return requireDefault();
        }
        if (!Files.isDirectory(override)) {
            throw new InvalidInputException("atlas folder " + override + " does not exist (--atlas takes an atlas"
                + " folder; plaque atlas list shows the installed ones)");
        }
        return override;
    }

    /** The one-line message for "no atlas installed", with the commands that fix it. */
    public String notInstalledMessage() {
        return "no atlas is installed (looked in " + atlasesDir() + "); install the ICBM 2009a atlas with: plaque"
            + " atlas install (downloads it from its publisher) or plaque atlas install --from DIR|ZIP|URL"
            + " (a local copy), or pass --atlas DIR";
    }

    private String installedSuffix() {
        List<InstalledAtlas> all = list();
        return all.isEmpty() ? "" : " (installed: " + all.stream().map(InstalledAtlas::name)
            .collect(Collectors.joining(", ")) + ")";
    }
}
