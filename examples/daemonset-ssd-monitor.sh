# The seeds' DaemonSet walkthrough: ssd-monitor runs one pod on every node labelled disk=ssd,
# and only there.
kubectl create -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ssd-monitor
spec:
  selector:
    matchLabels:
      app: ssd-monitor
  template:
    metadata:
      labels:
        app: ssd-monitor
    spec:
      nodeSelector:
        disk: ssd
      containers:
      - name: main
        image: idealism/ssd-monitor
EOF
# No node has disk=ssd yet: nothing to run.
kubectl get daemonsets
kubectl get pods
kubectl label node worker-3 disk=ssd
kubectl get pods
sim advance 1m
kubectl get ds -o wide
# Cordoned nodes still run daemon pods.
kubectl cordon worker-2
kubectl label node worker-2 disk=ssd
sim advance 1m
kubectl get pods -o wide
# Relabel a node: its daemon pod is terminated.
kubectl label node worker-3 disk=hdd --overwrite
kubectl get pods
kubectl describe ds ssd-monitor
