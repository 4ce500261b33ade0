package dev.nightshift.config;

import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Finds the line of a key path in YAML text, so an error can point at the key that is wrong. */
final class YamlLines {

    private YamlLines() {
    }

    /** The 1-based line of the deepest part of {@code path} found, or 0 when the text is not YAML. */
    static int lineOf(String text, List<String> path) {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().build()).composeString(text);
        } catch (RuntimeException notYaml) {
            return 0;
        }
        if (root.isEmpty()) {
            return 0;
        }
        Node node = root.get();
        int line = line(node);
        for (String part : path) {
            Node next = null;
            int keyLine = 0;
            if (part.startsWith("[") && node instanceof SequenceNode seq) {
                int index = Integer.parseInt(part.substring(1, part.length() - 1));
                if (index < seq.getValue().size()) {
                    next = seq.getValue().get(index);
                    keyLine = line(next);
                }
            } else if (node instanceof MappingNode map) {
                for (NodeTuple tuple : map.getValue()) {
                    // The last of equal keys: a key written twice is named where it is repeated.
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(part)) {
                        next = tuple.getValueNode();
                        keyLine = line(key);
                    }
                }
            }
            if (next == null) {
                break;
            }
            node = next;
            line = keyLine;
        }
        return line;
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }
}
