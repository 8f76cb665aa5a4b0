package io.fleet.cloud.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void aFullPageCarriesATokenThatStartsTheNextAfterItsLastName() {
        Page<String> page = Page.of(List.of("rig-1", "rig-2", "rig-3"), 2, name -> name);

        assertThat(page.items()).containsExactly("rig-1", "rig-2");
        assertThat(Page.after(page.nextToken())).isEqualTo("rig-2");
    }

    @Test
    void theLastPageHasNoToken() {
        assertThat(Page.of(List.of("rig-1", "rig-2"), 2, name -> name).nextToken()).isNull();
        assertThat(Page.after(null)).isNull();
        assertThat(Page.after("")).isNull();
    }

    @Test
    void tokensThisServiceDidNotIssueAreInvalidRequests() {
        String notBase64 = "%%%";
        String notAName = Base64.getUrlEncoder().encodeToString("a b' OR 1=1".getBytes());

        for (String token : List.of(notBase64, notAName)) {
            assertThatThrownBy(() -> Page.after(token))
                    .isInstanceOfSatisfying(ControlPlaneException.class, e -> {
                        assertThat(e.type()).isEqualTo(ControlPlaneException.Type.INVALID_REQUEST);
                        assertThat(e.getMessage()).contains("nextToken", token);
                    });
        }
    }
}
