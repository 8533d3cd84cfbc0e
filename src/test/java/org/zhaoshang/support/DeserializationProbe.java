package org.zhaoshang.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for a deserialization gadget (a class whose setter acts, as many library classes do): Jackson
 * calls {@link #setFile} when it builds this class from JSON, and the file appears. Tests name it in an
 * object variable to prove that reading such a variable builds nothing.
 */
public class DeserializationProbe {

    private String file;

    public String getFile() {
        return file;
    }

    public void setFile(String file) throws IOException {
        this.file = file;
        Files.writeString(Path.of(file), "built");
    }
}
