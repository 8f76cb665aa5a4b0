/**
 * Automotive Ethernet captures: {@link io.fleet.model.log.pcap.PcapReader} streams the UDP datagrams of classic
 * pcap and pcapng files (lidar, radar, SOME/IP), {@link io.fleet.model.log.pcap.PcapWriter} writes them, e.g. the
 * responses a HiL rig captures.
 *
 * <p>Layers understood: link types Ethernet (1), raw IP (101), Linux cooked SLL (113) and SLL2 (276); 802.1Q and
 * QinQ VLAN tags (outermost id kept); IPv4 (options skipped by IHL, fragments skipped) and IPv6 (hop-by-hop,
 * routing and destination-options headers walked, fragments skipped); UDP. Everything else is counted as skipped
 * with a {@link io.fleet.model.log.pcap.SkipReason}. File parsing ({@code ClassicPcapParser},
 * {@code PcapngParser}) is separate from packet decoding ({@code UdpFrameDecoder}) and encoding
 * ({@code UdpFrameEncoder}).
 */
package io.fleet.model.log.pcap;
