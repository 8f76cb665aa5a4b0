package io.fleet.cloud.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserRoleTest {

    @Test
    void aRoleIsParsedFromItsExactName() {
        assertThat(User.Role.parse("OWNER")).isEqualTo(User.Role.OWNER);
        assertThat(User.Role.parse("ADMIN")).isEqualTo(User.Role.ADMIN);
    }

    @Test
    void aBadRoleNamesTheRolesThatExistAndWhatCame() {
        assertThatThrownBy(() -> User.Role.parse("SUPERUSER")).isInstanceOf(InvalidUserException.class)
                .hasMessage("role must be OWNER or ADMIN, got \"SUPERUSER\"");
        assertThatThrownBy(() -> User.Role.parse("owner")).hasMessage("role must be OWNER or ADMIN, got \"owner\"");
        assertThatThrownBy(() -> User.Role.parse(null)).hasMessage("role must be OWNER or ADMIN, got none");
    }
}
