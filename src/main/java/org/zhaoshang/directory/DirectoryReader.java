package org.zhaoshang.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.LdapName;

import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;
import org.camunda.bpm.identity.impl.ldap.LdapSearchResults;

/**
 * Reads the whole directory in two searches (people, groups) through the client of Camunda's LDAP plugin, with the
 * plugin's attribute settings, into a {@link Snapshot}. Memberships come from the groups' member attribute and are
 * matched to the people found by their DN; members outside the people search (service accounts, nested groups) are
 * left out. A directory that cannot be reached, or answers wrongly, raises the plugin's IdentityProviderException.
 */
final class DirectoryReader {

    record Person(String id, String firstName, String lastName, String email, String title, String phone, String mobile,
            String wecomUserId, String supervisorId) {
    }

    record Team(String id, String name, List<String> memberIds, String headId) {
    }

    record Snapshot(List<Person> people, List<Team> groups) {
    }

    private final LdapConfiguration ldap;
    private final DirectoryProperties.Attributes attributes;

    DirectoryReader(LdapConfiguration ldap, DirectoryProperties.Attributes attributes) {
        this.ldap = ldap;
        this.attributes = attributes;
    }

    Snapshot read() {
        try (DirectoryClient client = new DirectoryClient(ldap)) {
            Map<LdapName, Map.Entry<String, Attributes>> byDn = new HashMap<>();
            try (LdapSearchResults results = client.search(client.base(ldap.getUserSearchBase()), ldap.getUserSearchFilter())) {
                while (results.hasMoreElements()) {
                    SearchResult result = results.nextElement();
                    String id = value(result.getAttributes(), ldap.getUserIdAttribute());
                    if (id != null) {
                        byDn.put(new LdapName(result.getNameInNamespace()), Map.entry(id, result.getAttributes()));
                    }
                }
            }
            Map<LdapName, String> ids = new HashMap<>();
            byDn.forEach((dn, entry) -> ids.put(dn, entry.getKey()));
            List<Person> people = new ArrayList<>();
            for (Map.Entry<String, Attributes> entry : byDn.values()) {
                Attributes a = entry.getValue();
                people.add(new Person(entry.getKey(), value(a, ldap.getUserFirstnameAttribute()), value(a, ldap.getUserLastnameAttribute()),
                        value(a, ldap.getUserEmailAttribute()), value(a, attributes.title()), value(a, attributes.phone()),
                        value(a, attributes.mobile()), value(a, attributes.wecomUserId()),
                        idOf(value(a, attributes.supervisor()), ids).orElse(null)));
            }
            List<Team> groups = new ArrayList<>();
            try (LdapSearchResults results = client.search(client.base(ldap.getGroupSearchBase()), ldap.getGroupSearchFilter())) {
                while (results.hasMoreElements()) {
                    Attributes a = results.nextElement().getAttributes();
                    String id = value(a, ldap.getGroupIdAttribute());
                    if (id == null) {
                        continue;
                    }
                    List<String> members = new ArrayList<>();
                    Attribute memberAttribute = a.get(ldap.getGroupMemberAttribute());
                    if (memberAttribute != null) {
                        NamingEnumeration<?> values = memberAttribute.getAll();
                        while (values.hasMore()) {
                            idOf(String.valueOf(values.next()), ids).ifPresent(members::add);
                        }
                    }
                    String name = value(a, ldap.getGroupNameAttribute());
                    groups.add(new Team(id, name == null ? id : name, List.copyOf(members),
                            idOf(value(a, attributes.groupHead()), ids).orElse(null)));
                }
            }
            return new Snapshot(List.copyOf(people), List.copyOf(groups));
        } catch (NamingException e) {
            throw DirectoryClient.failed(e);
        }
    }

    private static Optional<String> idOf(String dn, Map<LdapName, String> ids) {
        if (dn == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(ids.get(new LdapName(dn)));
        } catch (InvalidNameException notADn) {
            return Optional.empty();
        }
    }

    private static String value(Attributes attributes, String name) throws NamingException {
        if (name == null || name.isBlank()) {
            return null;
        }
        Attribute attribute = attributes.get(name);
        if (attribute == null || attribute.size() == 0) {
            return null;
        }
        String value = String.valueOf(attribute.get()).strip();
        return value.isEmpty() ? null : value;
    }
}
